package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SupervisedContrastiveBoundTest {

    /**
     * Fig. 6 of the paper: K = 3, n = 4 (N = 12), b = 9, ρ = 1: |𝔅| = 167,960 multiset batches and the
     * Theorem 2 bound on the mean batch loss is 12.12015 (published to 5 decimals: |x - 12.12015| < 5e-6),
     * both from the log-space and from the exact route.
     */
    @Test
    void figure6BoundIs12point12015Over167960Batches() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(3, 4, 9, 1.0);
        assertEquals(BigInteger.valueOf(167_960), bound.batchCount());
        assertEquals(12, bound.size());
        Reference.assertWithin(12.12015, bound.meanBound(), 5e-6, "meanBound");
        Reference.assertWithin(12.12015, bound.meanBoundExact(), 5e-6, "meanBoundExact");
    }

    /**
     * Sec. 5.2 of the paper: CIFAR-10, K = 10, N = 50,000 (n = 5000), b = 256, ρ² = 10 (τ = 0.1):
     * the SC bound on the mean batch loss is 824.487 (published to 3 decimals: |x - 824.487| < 5e-4).
     */
    @Test
    void cifar10BoundIs824point487() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(10, 5000, 256, 10.0);
        Reference.assertWithin(824.487, bound.meanBound(), 5e-4, "meanBound");
        Reference.assertWithin(824.487, bound.meanBoundExact(), 5e-4, "meanBoundExact");
        // |𝔅| = C(50255, 256) has about 700 digits (THEORY.md)
        int digits = bound.batchCount().toString().length();
        assertTrue(digits > 650 && digits < 750, digits + " digits");
    }

    @Test
    void batchSizeTwoHasBoundZero() {
        // l = 2 = b: level 2·log(1 + 0) = 0, so the total is exactly 0
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(4, 3, 2, 5.0);
        assertEquals(0, bound.totalBound().signum());
        assertEquals(0.0, bound.meanBound());
    }

    @Test
    void badSettingsAndClassCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SupervisedContrastiveBound(1, 4, 9, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new SupervisedContrastiveBound(3, 0, 9, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new SupervisedContrastiveBound(3, 4, 1, 1.0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SupervisedContrastiveBound(3, 4, 9, 0.0))
            .getMessage().contains("rho"));
        assertThrows(IllegalArgumentException.class, () -> new SupervisedContrastiveBound(3, 4, 9, Double.NaN));
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(3, 4, 9, 1.0);
        for (int l : new int[] {-1, 10}) {
            String message = "class count l must lie in 0..9, got " + l;
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> bound.batchCountWithMultiplicity(l)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> bound.logBatchCountWithMultiplicity(l)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> bound.classLevel(l)).getMessage());
        }
        assertEquals(3, bound.classes());
        assertEquals(4, bound.perClass());
        assertEquals(9, bound.batch());
        assertEquals(1.0, bound.rho2());
    }

    /**
     * Sizes that do not fit are IllegalArgumentExceptions naming the parameters, never an
     * ArithmeticException, NegativeArraySizeException or OutOfMemoryError.
     */
    @Test
    void sizesThatDoNotFitAreRefusedWithTheParametersNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new SupervisedContrastiveBound(Integer.MAX_VALUE, Integer.MAX_VALUE, 9, 1.0));
        assertEquals("N = K*n = 4.61e+18 exceeds 2^31-1 (classes K=2147483647, points per class n=2147483647)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SupervisedContrastiveBound(65536, 32768, 9, 1.0));
        // 2^31 - 1 itself fits
        assertEquals(Integer.MAX_VALUE, new SupervisedContrastiveBound(Integer.MAX_VALUE, 1, 9, 1.0).size());
        SupervisedContrastiveBound huge = new SupervisedContrastiveBound(10, 100_000_000, Integer.MAX_VALUE, 1.0);
        for (org.junit.jupiter.api.function.Executable exact : new org.junit.jupiter.api.function.Executable[] {
            huge::batchCountsWithMultiplicity, huge::totalBound, huge::terms, huge::meanBoundExact}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, exact);
            assertTrue(refused.getMessage().contains("b=2147483647"), refused.getMessage());
        }
        // b + 1 = 2^31 - 8 array elements: one more than the JVM allows
        SupervisedContrastiveBound longest = new SupervisedContrastiveBound(2, 1, Checks.MAX_ARRAY_LENGTH, 1.0);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, longest::batchCountsWithMultiplicity);
        assertTrue(tooLong.getMessage().contains("needs an array of 2147483640 elements"), tooLong.getMessage());
        // the O(1) cost figures and the double route work at that size
        assertTrue(huge.batchCountDigits() > 100_000 && huge.exactMemoryBytes() > 1e12, huge.batchCountDigits() + " digits");
        assertTrue(Double.isFinite(huge.logTotalBound()));
    }

    /** b = 2: the only level is 2·log(1 + 0) = 0, so the log of the total is -Infinity. */
    @Test
    void logTotalBoundOfBatchSizeTwoIsMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, new SupervisedContrastiveBound(3, 4, 2, 1.0).logTotalBound());
    }
}
