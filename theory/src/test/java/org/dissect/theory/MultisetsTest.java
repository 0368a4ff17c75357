package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MultisetsTest {

    /** Exhaustive on a small square: count equals the number of nondecreasing tuples enumerated in the test. */
    @Test
    void countEqualsBruteForceEnumerationForSmallItemsAndSizes() {
        for (int m = 0; m <= 7; m++) {
            for (int k = 0; k <= 7; k++) {
                long enumerated = Reference.multisets(m, k).size();
                assertEquals(BigInteger.valueOf(enumerated), Multisets.count(m, k), "m=" + m + " k=" + k);
            }
        }
    }

    @Test
    void countIsOneForTheEmptyMultisetAndZeroWithoutItems() {
        assertEquals(BigInteger.ONE, Multisets.count(0, 0));
        assertEquals(BigInteger.ONE, Multisets.count(123_456_789_012L, 0));
        assertEquals(BigInteger.ZERO, Multisets.count(0, 5));
        assertEquals(BigInteger.valueOf(123_456_789_012L), Multisets.count(123_456_789_012L, 1));
    }

    /** Against the factorial formula {@code (m+k-1)! / (k!·(m-1)!)}, computed exactly in the test. */
    @Property(tries = 100)
    void countEqualsTheFactorialFormula(@ForAll @IntRange(min = 1, max = 1000) int m,
                                        @ForAll @IntRange(min = 0, max = 200) int k) {
        BigInteger expected = Reference.factorial(m + k - 1)
            .divide(Reference.factorial(k).multiply(Reference.factorial(m - 1)));
        assertEquals(expected, Multisets.count(m, k));
    }

    /** Items beyond the int range (the count takes a long) against the falling-factorial formula. */
    @Property(tries = 50)
    void countHandlesItemCountsBeyondTheIntRange(@ForAll @IntRange(min = 0, max = 1_000_000) int offset,
                                                 @ForAll @IntRange(min = 0, max = 40) int k) {
        long m = (1L << 40) + offset;
        assertEquals(Reference.multisetCount(m, k), Multisets.count(m, k));
    }

    @Property(tries = 60)
    void countsListsEveryCountUpToTheMaximumSize(@ForAll @IntRange(min = 0, max = 60000) int m,
                                                 @ForAll @IntRange(min = 0, max = 256) int maxSize) {
        BigInteger[] all = Multisets.counts(m, maxSize);
        assertEquals(maxSize + 1, all.length);
        for (int k = 0; k <= maxSize; k += Math.max(1, maxSize / 16)) {
            assertEquals(Reference.multisetCount(m, k), all[k], "k=" + k);
        }
        assertEquals(Reference.multisetCount(m, maxSize), all[maxSize], "k=maxSize");
    }

    /**
     * logCount against the log of the exact count (taken from the leading 62 bits, accurate to an ulp).
     * Tolerance {@code 1e-13·max(1, |log|)}: the log-gamma route is accurate to a few ulps of the result
     * (observed ≤ 5e-16 relative); below 1 the absolute error of a few 1e-16 is what matters. Counts of 1
     * (k = 0, or m = 1) must give exactly 0.
     */
    @Property(tries = 200)
    void logCountEqualsTheLogOfTheExactCount(@ForAll @IntRange(min = 1, max = 100_000) int m,
                                             @ForAll @IntRange(min = 0, max = 400) int k) {
        BigInteger exact = Reference.multisetCount(m, k);
        double expected = Reference.log(exact);
        Reference.assertWithin(expected, Multisets.logCount(m, k), 1e-13 * Math.max(1, Math.abs(expected)),
            "log C(" + m + "+" + k + "-1, " + k + ")");
    }

    @Test
    void logCountOfASingleMultisetIsZero() {
        assertEquals(0.0, Multisets.logCount(1, 50));
        assertEquals(0.0, Multisets.logCount(1000, 0));
    }

    @Test
    void negativeArgumentsAndEmptyItemsForLogCountAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Multisets.count(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Multisets.count(3, -1));
        assertThrows(IllegalArgumentException.class, () -> Multisets.counts(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Multisets.counts(3, -1));
        assertThrows(IllegalArgumentException.class, () -> Multisets.logCount(0, 2));
        assertThrows(IllegalArgumentException.class, () -> Multisets.logCount(3, -1));
    }

    /**
     * Beyond the int range (m+k-1 > 2^31-1, where the log-beta route takes over) logCount still agrees
     * with the log of the exact count, computed here by falling factorials: k up to 40 from m near 2^31,
     * 2^40 and 2^62. Tolerance 1e-13 relative as above (plus the rounding of m+k-1 to a double, 2^-53·k
     * relative in the count).
     */
    @Property(tries = 60)
    void logCountBeyondTheIntRangeEqualsTheLogOfTheExactCount(@ForAll @IntRange(min = 0, max = 2) int scale,
                                                            @ForAll @IntRange(min = 0, max = 1_000_000) int offset,
                                                            @ForAll @IntRange(min = 0, max = 40) int k) {
        long m = (scale == 0 ? Integer.MAX_VALUE - 20L : scale == 1 ? 1L << 40 : 1L << 62) + offset;
        double expected = Reference.log(Reference.multisetCount(m, k));
        Reference.assertWithin(expected, Multisets.logCount(m, k), 1e-13 * Math.max(1, Math.abs(expected)),
            "log C(" + m + "+" + k + "-1, " + k + ")");
        Reference.assertWithin(expected / Math.log(10), Multisets.log10Count(m, k), 1e-13 * Math.max(1, Math.abs(expected)),
            "log10");
    }

    /** Both arguments near Long.MAX_VALUE: m+k-1 exceeds the long range; the log stays finite and symmetric. */
    @Test
    void logCountHandlesSizesBeyondTheLongRange() {
        double a = Multisets.logCount(Long.MAX_VALUE, Long.MAX_VALUE);
        // C(2m-1, m) = C(2m, m)/2 ≈ 4^m/(2·sqrt(πm)): log ≈ m·log 4 - log 2 - log(πm)/2
        double m = Long.MAX_VALUE;
        Reference.assertRelative(m * Math.log(4) - Math.log(2) - Math.log(Math.PI * m) / 2, a, 1e-12, "C(2m-1, m)");
        // C(m+k-1, k) = C(m+k-1, m-1): swapping the roles of m-1 and k
        assertEquals(Multisets.logCount(1L << 40, 1L << 50), Multisets.logCount((1L << 50) + 1, (1L << 40) - 1),
            1e-12 * Multisets.logCount(1L << 40, 1L << 50));
    }

    /** counts() refuses a size whose array or memory cannot be allocated, with the size named. */
    @Test
    void countsThatCannotBeAllocatedAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Multisets.counts(3, Checks.MAX_ARRAY_LENGTH));
        assertTrue(e.getMessage().contains("needs an array of 2147483640 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Multisets.counts(1_000_000_000L, 100_000_000));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }


    /**
     * Regression (overflow): the factor {@code items - 1 + i} must not wrap for items near
     * {@code Long.MAX_VALUE}: {@code count(Long.MAX_VALUE, 2) = C(2^63, 2) = (2^63-1)·2^63/2}. Expected value computed here entirely in BigInteger.
     */
    @Test
    void countIsExactForItemCountsNearLongMax() {
        BigInteger m = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger expected = m.multiply(m.add(BigInteger.ONE)).shiftRight(1);
        assertEquals(expected, Multisets.count(Long.MAX_VALUE, 2), "C(m+1, 2) at m = Long.MAX_VALUE");
        assertEquals(expected, Multisets.counts(Long.MAX_VALUE, 2)[2], "counts(m, 2)[2] at m = Long.MAX_VALUE");
    }

    /**
     * countsBytes is the stated formula {@code (maxSize+1)(48 + bits/8)} with
     * {@code bits = log2 C(m+maxSize-1, maxSize) + 1}, which lies in {@code [bitLength, bitLength + 1)} of
     * the exact largest count computed here; with no items the counts are 0 and 1 (bits = 1).
     */
    @Property(tries = 60)
    void countsBytesFollowsTheBitLengthOfTheLargestCount(@ForAll @IntRange(min = 1, max = 100_000) int m,
                                                        @ForAll @IntRange(min = 0, max = 300) int maxSize) {
        int bitLength = Reference.multisetCount(m, maxSize).bitLength();
        double low = (maxSize + 1.0) * (48 + bitLength / 8.0);
        double bytes = Multisets.countsBytes(m, maxSize);
        assertTrue(bytes >= low * (1 - 1e-12) && bytes < low + (maxSize + 1.0) / 8, bytes + " vs " + low);
        assertEquals((maxSize + 1.0) * (48 + 1.0 / 8), Multisets.countsBytes(0, maxSize));
    }
}
