package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class LogSumExpTest {

    /**
     * Moderate inputs ({@code |x| <= 30}) against the naive formula with the sum of the exponentials
     * accumulated exactly in BigDecimal. Each {@code Math.exp} is within 1 ulp, so the exact sum of the
     * rounded terms is within about {@code 2^-52} relative of the true sum, and its log within
     * {@code 2^-52} absolute; LogSumExp adds a few more roundings of the same size. Hence an absolute
     * tolerance of {@code 1e-14·max(1, |result|)} (about 45 ulps at 1, well above the expected few).
     */
    @Property(tries = 200)
    void equalsTheNaiveLogOfAnExactSumForModerateInputs(@ForAll @IntRange(min = 1, max = 50) int length,
                                                         @ForAll @DoubleRange(min = 0.01, max = 30) @Scale(6) double spread,
                                                         @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[] x = new double[length];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < length; i++) {
            x[i] = spread * (2 * rng.nextDouble() - 1);
            sum = sum.add(new BigDecimal(Math.exp(x[i])));
        }
        double naive = Math.log(sum.round(MathContext.DECIMAL128).doubleValue());
        double lse = LogSumExp.value(x);
        Reference.assertWithin(naive, lse, 1e-14 * Math.max(1, Math.abs(naive)), "log-sum-exp");
    }

    /**
     * Shift invariance {@code lse(x + c) = lse(x) + c}, including shifts that overflow every naive
     * exponential ({@code |c|} up to 1e300). Tolerance: both sides are computed to a few ulps of
     * {@code max(|c|, |lse|)}, so 1e-14 relative to that magnitude (plus one at moderate scale).
     */
    @Property(tries = 200)
    void isFiniteAndShiftsWithAHugeCommonOffset(@ForAll @IntRange(min = 1, max = 20) int length,
                                               @ForAll @DoubleRange(min = -300, max = 300) @Scale(6) double log10Shift,
                                               @ForAll boolean negativeShift, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double shift = (negativeShift ? -1 : 1) * Math.pow(10, log10Shift);
        double[] x = new double[length];
        double[] shifted = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = 20 * (2 * rng.nextDouble() - 1);
            shifted[i] = x[i] + shift;
        }
        double lse = LogSumExp.value(shifted);
        assertTrue(Double.isFinite(lse), "finite for shift " + shift);
        // the shifted inputs carry rounding of ulp(shift)/2 each; compare with the exact shift of lse(x)
        double expected = LogSumExp.value(x) + shift;
        double scale = Math.max(Math.abs(shift), 1) + 30;
        Reference.assertWithin(expected, lse, 1e-14 * scale, "lse(x + c)");
    }

    @Property(tries = 100)
    void liesBetweenTheMaximumAndTheMaximumPlusLogOfTheLength(@ForAll @IntRange(min = 1, max = 100) int length,
                                                             @ForAll @DoubleRange(min = -700, max = 700) @Scale(6) double centre,
                                                             @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[] x = new double[length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            x[i] = centre + 50 * Reference.gaussian(rng);
            max = Math.max(max, x[i]);
        }
        double lse = LogSumExp.value(x);
        // exact bounds max <= lse <= max + log(length); one ulp of slack for the final addition
        assertTrue(lse >= max - Math.ulp(max), lse + " < max " + max);
        assertTrue(lse <= max + Math.log(length) + Math.ulp(max + Math.log(length)), lse + " > max + log n");
    }

    @Test
    void equalValuesAtTheLargestFiniteDoubleGiveTheAnalyticResult() {
        // lse of n copies of c is c + log n exactly in real arithmetic; at c = 1e308 log n is below ulp(c)
        double[] huge = {1e308, 1e308, 1e308};
        assertEquals(1e308, LogSumExp.value(huge));
        double[] moderateCopies = {700.5, 700.5, 700.5, 700.5};
        Reference.assertWithin(700.5 + Math.log(4), LogSumExp.value(moderateCopies), 2 * Math.ulp(700.5), "700.5 + log 4");
        double[] tinyExponentials = {-1e308, -1e308};
        assertEquals(-1e308, LogSumExp.value(tinyExponentials));
    }

    @Test
    void aHugeGapLetsTheLargestTermDominateExactly() {
        // exp(-1e4) is far below the unit roundoff, so lse = max exactly
        assertEquals(5000.0, LogSumExp.value(new double[] {5000.0, -5000.0, 4000.0 - 1e4}));
        // exactly analytic case: {a, a - log 3} -> a + log(4/3)
        double a = 900;
        Reference.assertWithin(a + Math.log(4.0 / 3), LogSumExp.value(new double[] {a, a - Math.log(3)}),
            4 * Math.ulp(a), "a + log(4/3)");
    }

    @Test
    void emptyRangeOrOnlyMinusInfinityGivesMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.value(new double[0]));
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.value(new double[] {1, 2, 3}, 1, 1));
        assertEquals(Double.NEGATIVE_INFINITY,
            LogSumExp.value(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        // a -infinity entry contributes exp(-inf) = 0
        assertEquals(LogSumExp.value(new double[] {2.0, 3.0}),
            LogSumExp.value(new double[] {2.0, Double.NEGATIVE_INFINITY, 3.0}));
    }

    @Property(tries = 100)
    void aSubRangeEqualsTheWholeArrayOfThatSubRange(@ForAll @IntRange(min = 0, max = 30) int length,
                                                   @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[] x = new double[length + 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 * Reference.gaussian(rng);
        }
        int from = rng.nextInt(11);
        double[] part = java.util.Arrays.copyOfRange(x, from, from + length);
        // same terms in the same order: bit-for-bit equal
        assertEquals(LogSumExp.value(part), LogSumExp.value(x, from, from + length));
    }
}
