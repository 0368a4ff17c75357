package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompensatedSumTest {

    /**
     * 20,000 terms from 1e-8 to 1e8 of both signs, then the large ones again with the opposite sign in another
     * order: the exact sum (BigDecimal) is that of the small ones, and naive summation misses it by some ulps of
     * the 1e9 partial sums. Neumaier's sum stays within {@code 2ε|S| + O(nε²)Σ|x|} of it (Neumaier 1974;
     * {@code nε²Σ|x| ≈ 1e-14} here, hence {@code 1e-25·Σ|x|} with room).
     */
    @Test
    void cancellingTermsOfMixedMagnitudeSumToTheExactValue() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 20_000;
        double[] large = new double[n];
        CompensatedSum compensated = new CompensatedSum();
        BigDecimal exact = BigDecimal.ZERO;
        double naive = 0;
        double absolute = 0;
        for (int i = 0; i < n; i++) {
            large[i] = Math.scalb(random.nextDouble(1, 2), random.nextInt(0, 27)) * (random.nextBoolean() ? 1 : -1);
            double small = Math.scalb(random.nextDouble(1, 2), random.nextInt(-27, 0)) * (random.nextBoolean() ? 1 : -1);
            for (double x : new double[] {large[i], small}) {
                compensated.add(x);
                exact = exact.add(new BigDecimal(x));
                naive += x;
                absolute += Math.abs(x);
            }
        }
        for (int i = 0; i < n; i++) {
            double x = -large[(int) ((i * 7919L) % n)];
            compensated.add(x);
            exact = exact.add(new BigDecimal(x));
            naive += x;
            absolute += Math.abs(x);
        }
        double s = exact.doubleValue();
        assertTrue(Math.abs(naive - s) > 1e-6, "the naive sum must be off for this test to mean anything: " + (naive - s));
        assertEquals(s, compensated.value(), 2 * Math.ulp(s) + 1e-25 * absolute);
    }

    @Test
    void smallTermsAfterALargeOneAreKept() {
        // 1 + 1e6 terms of 1e-17 (each below half an ulp of 1): naive gives 1, the exact sum is 1 + 1e-11
        CompensatedSum s = new CompensatedSum();
        s.add(1);
        for (int i = 0; i < 1_000_000; i++) {
            s.add(1e-17);
        }
        assertEquals(1 + 1e-11, s.value(), Math.ulp(1.0));
        // and a large term after small ones (the other branch of the compensation)
        CompensatedSum t = new CompensatedSum();
        t.add(1e-17);
        t.add(1);
        t.add(-1);
        assertEquals(1e-17, t.value(), 0.0);
    }

    @Test
    void partsOfAnotherSumAreAddedBoth() {
        CompensatedSum lane = new CompensatedSum();
        lane.add(1);
        lane.add(1e-17);
        CompensatedSum total = new CompensatedSum();
        total.add(1e-3);
        total.add(1, 1e-17);
        assertEquals(new BigDecimal(1e-3).add(BigDecimal.ONE).add(new BigDecimal(1e-17)).doubleValue(), total.value(), 0.0);
        CompensatedSum big = new CompensatedSum();
        big.add(1e20, 1);
        big.add(-1e20);
        assertEquals(1, big.value(), 0.0);
    }
}
