package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Descent}'s rules on objectives whose every step can be worked out by hand. */
class DescentRulesTest {
    /** {@code f(x) = Σ a_i (x_i - c_i)²}, optionally preconditioned by {@code 1/(2a_i)} (a Newton step), on {@code [lo, hi]^n}. */
    private record Quadratic(double[] a, double[] c, boolean newton, double lo, double hi) implements Objective {
        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += a[i] * (x[i] - c[i]) * (x[i] - c[i]);
                gradient[i] = 2 * a[i] * (x[i] - c[i]);
            }
            return f;
        }

        @Override
        public void project(double[] x) {
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.max(lo, Math.min(hi, x[i]));
            }
        }

        @Override
        public void precondition(double[] gradient) {
            if (newton) {
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] /= 2 * a[i];
                }
            }
        }
    }

    private static Quadratic square() {
        return new Quadratic(new double[] {1}, new double[] {0}, false, -1e300, 1e300);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Descent(0, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Descent(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Descent(1, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new Descent(1, 0.1, -1e-300));
        assertThrows(IllegalArgumentException.class, () -> new Descent(1, 0.1, Double.NaN));
        new Descent(1, Double.MIN_VALUE, 0);
    }

    @Test
    void preconditionedStepsAndBarzilaiBorweinReachANewtonMinimumInTwoSteps() {
        // d = x - c: the first step (η₀ = 1/4) takes a quarter of the distance; then s = y, so the BB step is 1 and
        // lands on c
        Quadratic f = new Quadratic(new double[] {3, 0.2}, new double[] {1, -2}, true, -1e300, 1e300);
        double[] x = {5, 6};
        List<double[]> path = new ArrayList<>();
        Descent.Outcome o = new Descent(2, 0.25, 0).minimise(f, x, (step, v, xs) -> path.add(xs.clone()));
        assertArrayEquals(new double[] {4, 4}, path.get(1), 1e-15);
        // the BB step 1 = <s,s>/<s,y> comes out within a few ulps: x within a few ulps of |x₀ - c| ≈ 8
        assertArrayEquals(new double[] {1, -2}, x, 1e-14);
        assertEquals(2, o.steps());
        assertEquals(0, o.value(), 1e-26);
        assertFalse(o.converged());
        assertEquals("step limit 2 reached", o.reason());
    }

    @Test
    void armijoRejectsAnOvershootThatDecreasesTooLittle() {
        // f = x², x = 1, η = 0.99995: x' = -0.9999 lowers f by 2e-4 < σ·<g, x - x'> = 4e-4, so the step is halved
        double[] x = {1};
        new Descent(1, 0.99995, 0).minimise(square(), x, StepListener.NONE);
        assertEquals(1 - 2 * 0.499975, x[0], 1e-15);
    }

    @Test
    void fortyHalvingsAreTriedBeforeTheRunCountsAsStationary() {
        // f = x² from 1 decreases only for a step below 1: 2^39 needs 40 halvings, 2^40 needs 41
        double[] x = {1};
        Descent.Outcome o = new Descent(1, 0x1p39, 0).minimise(square(), x, StepListener.NONE);
        assertEquals(1, o.steps());
        assertEquals(0, x[0], 0.0);
        double[] y = {1};
        Descent.Outcome stuck = new Descent(1, 0x1p40, 0).minimise(square(), y, StepListener.NONE);
        assertEquals(0, stuck.steps());
        assertTrue(stuck.converged());
        assertEquals("no descent step left (stationary to machine precision)", stuck.reason());
        assertEquals(1, y[0], 0.0);
    }

    @Test
    void aConstantDirectionDoublesTheStepUntilTheBoundStopsIt() {
        // f = -x on [-1, 1] (a = 0 with c = 0 is flat; use the linear objective directly): <s, y> = 0, so η doubles
        Objective linear = new Objective() {
            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                gradient[0] = -1;
                return -x[0];
            }

            @Override
            public void project(double[] x) {
                x[0] = Math.max(-1, Math.min(1, x[0]));
            }
        };
        double[] x = {0};
        List<Double> path = new ArrayList<>();
        Descent.Outcome o = new Descent(10, 0.25, 0).minimise(linear, x, (step, v, xs) -> path.add(xs[0]));
        assertEquals(List.of(0.0, 0.25, 0.75, 1.0), path);
        assertEquals(3, o.steps());
        assertTrue(o.converged());
    }

    @Test
    void theRunStopsAtTheFirstStepWhoseDecreaseOverTwentyStepsIsSmall() {
        // f = 100 + Σ_i i·x_i² (30 curvatures): BB converges irregularly towards 100; the stopping step recomputed
        // from the recorded values
        double[] a = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = i + 1;
        }
        Quadratic q = new Quadratic(a, new double[30], false, -1e300, 1e300);
        Objective decay = new Objective() {
            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                return 100 + q.valueAndGradient(x, gradient);
            }

            @Override
            public void project(double[] x) {
            }
        };
        for (double tolerance : new double[] {1e6, 1e-3, 1e-5, 1e-8}) {  // 1e6: at the first chance, step 20
            List<Double> values = new ArrayList<>();
            double[] start = new double[30];
            java.util.Arrays.fill(start, 1);
            Descent.Outcome o = new Descent(100_000, 0.01, tolerance).minimise(decay, start,
                (step, v, xs) -> values.add(v));
            int expected = -1;
            for (int s = 20; s < values.size() && expected < 0; s++) {
                if (values.get(s - 20) - values.get(s) <= tolerance * Math.abs(values.get(s))) {
                    expected = s;
                }
            }
            assertTrue(expected > 0, "the rule fires within the run: " + o);
            assertEquals(expected, o.steps(), "tolerance " + tolerance);
            assertEquals(values.get(expected), o.value(), 0.0);
            assertTrue(o.converged());
            assertEquals("relative decrease over 20 steps below " + tolerance, o.reason());
            for (int s = 1; s < values.size(); s++) {
                assertTrue(values.get(s) < values.get(s - 1), "strictly decreasing");
            }
        }
    }
}
