package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of {@link Descent}'s two tests, each hit exactly by a scripted objective (its value is a function of
 * the evaluation count, chosen so that the compared quantities are equal in double arithmetic): the Armijo condition
 * accepts a step whose value is exactly {@code value - 1e-4·decrease}, and the window test stops when the decrease over
 * 20 steps equals exactly {@code tolerance·|value|}.
 */
class DescentEdgeTest {

    /** Value by evaluation count; gradient fixed. */
    private static Objective scripted(IntToDoubleFunction values, double gradient) {
        int[] calls = {0};
        return new Objective() {
            @Override
            public double valueAndGradient(double[] x, double[] g) {
                java.util.Arrays.fill(g, gradient);
                return values.applyAsDouble(calls[0]++);
            }

            @Override
            public void project(double[] x) {
            }
        };
    }

    @Test
    void armijoAcceptsAStepThatMeetsTheSufficientDecreaseExactly() {
        // x = 0, g = d = 1, step 1: candidate -1, decrease g·(x - candidate) = 1; the candidate's value is 1 - 1e-4·1
        double equal = 1.0 - 1e-4 * 1.0;
        Objective f = scripted(n -> n == 0 ? 1.0 : n == 1 ? equal : 2.0, 1.0);
        double[] x = {0};
        Descent.Outcome o = new Descent(1, 1.0, 0).minimise(f, x, StepListener.NONE);
        assertEquals(1, o.steps(), o.reason());
        assertEquals(equal, o.value());
        assertFalse(o.converged(), o.reason());
        assertEquals(-1.0, x[0]);
    }

    @Test
    void windowTestStopsWhenTheDecreaseEqualsTheToleranceExactly() {
        // zero gradient: every step has decrease 0 and is accepted on a lower value; values 100, 99, ..., so after 20
        // steps old - value = 20 = 0.25·80 exactly
        Objective f = scripted(n -> 100.0 - n, 0.0);
        Descent.Outcome o = new Descent(100, 1.0, 0.25).minimise(f, new double[] {0.5, -0.5}, StepListener.NONE);
        assertTrue(o.converged(), o.reason());
        assertEquals(20, o.steps(), o.reason());
        assertEquals(80.0, o.value());
    }
}
