package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

class SimplexDeviationTest {

    @Property(tries = 100)
    void maxIsTheLargestOfTheThreeDeviations(@ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double a,
                                             @ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double b,
                                             @ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double c) {
        SimplexDeviation d = new SimplexDeviation(a, b, c);
        double largest = a >= b && a >= c ? a : (b >= c ? b : c);
        assertEquals(largest, d.max());
    }

    @Property(tries = 100)
    void holdsExactlyWhenEveryDeviationIsWithinTheTolerance(@ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double a,
                                                            @ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double b,
                                                            @ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double c,
                                                            @ForAll @DoubleRange(min = 0, max = 1) @Scale(17) double tolerance) {
        SimplexDeviation d = new SimplexDeviation(a, b, c);
        assertEquals(a <= tolerance && b <= tolerance && c <= tolerance, d.holds(tolerance));
        assertTrue(d.holds(Math.max(a, Math.max(b, c))), "holds at its own maximum");
    }

    @Property(tries = 20)
    void holdsFailsWhenOnlyOneDeviationIsTooLarge(@ForAll @DoubleRange(min = -12, max = 0) @Scale(6) double log10Big) {
        double big = Math.pow(10, log10Big);
        assertFalse(new SimplexDeviation(big, 0, 0).holds(big / 2));
        assertFalse(new SimplexDeviation(0, big, 0).holds(big / 2));
        assertFalse(new SimplexDeviation(0, 0, big).holds(big / 2));
    }
}
