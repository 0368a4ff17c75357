package org.dissect.theory;

import java.math.BigInteger;
import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;
import org.apache.commons.numbers.gamma.LogBeta;

/**
 * Counting multisets ("combinations with replacement"): the number of multisets of size {@code k}
 * drawn from {@code m} items is {@code C(m+k-1, k)}.
 *
 * <p>The exact counts are big integers of about {@link #log10Count(long, long)} digits and cost
 * {@code O(k)} big-integer steps; the logarithms cost O(1) for any sizes, so a caller can size an exact
 * computation before starting it.
 */
public final class Multisets {
    /** {@code log 10}. */
    private static final double LN10 = Math.log(10);

    private Multisets() {
    }

    /**
     * Exact {@code C(m+k-1, k)}, by the product {@code Π_{i=1..k} (m-1+i)/i} in big integers
     * (every partial product is itself a binomial coefficient, so each division is exact).
     * Cost: k big-integer steps on numbers of up to {@link #log10Count(long, long)} digits.
     *
     * @param items m, at least 0
     * @param size k, at least 0
     * @return the number of multisets; 1 for {@code k = 0}, 0 for {@code m = 0 < k}
     */
    public static BigInteger count(long items, int size) {
        Checks.atLeast("items", items, 0);
        Checks.atLeast("size", size, 0);
        if (size == 0) {
            return BigInteger.ONE;
        }
        if (items == 0) {
            return BigInteger.ZERO;
        }
        BigInteger c = BigInteger.ONE;
        BigInteger base = BigInteger.valueOf(items);
        for (int i = 0; i < size; i++) {
            BigInteger next = BigInteger.valueOf(i + 1L);
            c = c.multiply(base.add(BigInteger.valueOf(i))).divide(next);
        }
        return c;
    }

    /**
     * Exact {@code C(m+k-1, k)} for every {@code k = 0..maxSize}, by the recurrence
     * {@code c_k = c_{k-1}·(m+k-1)/k} (exact at every step): O(maxSize) big-integer operations instead of
     * O(maxSize²) for repeated {@link #count(long, int)} calls. Memory: {@link #countsBytes(long, int)}.
     *
     * @param items m, at least 0
     * @param maxSize largest size, at least 0
     * @return {@code counts[k] = C(m+k-1, k)}
     * @throws IllegalArgumentException on negative arguments, or if the array cannot be allocated
     */
    public static BigInteger[] counts(long items, int maxSize) {
        Checks.atLeast("items", items, 0);
        Checks.atLeast("size", maxSize, 0);
        Checks.allocatable("multiset counts for sizes 0.." + maxSize + " of " + items + " items", maxSize + 1L,
            countsBytes(items, maxSize));
        BigInteger[] c = new BigInteger[maxSize + 1];
        c[0] = BigInteger.ONE;
        BigInteger base = BigInteger.valueOf(items).subtract(BigInteger.ONE);
        for (int k = 1; k <= maxSize; k++) {
            c[k] = c[k - 1].multiply(base.add(BigInteger.valueOf(k))).divide(BigInteger.valueOf(k));
        }
        return c;
    }

    /**
     * An upper estimate of the memory {@link #counts(long, int)} holds: {@code maxSize + 1} big integers,
     * each counted at the size of the largest, {@code C(m+maxSize-1, maxSize)}, plus 48 bytes of object
     * overhead. O(1).
     *
     * @param items m, at least 0
     * @param maxSize largest size, at least 0
     * @return estimated bytes (a double: it may exceed the long range)
     */
    public static double countsBytes(long items, int maxSize) {
        double largestBits = items == 0 ? 1 : logCount(items, maxSize) / Math.log(2) + 1;
        return (maxSize + 1.0) * (48 + largestBits / 8);
    }

    /**
     * {@code log C(m+k-1, k)}, O(1) for any sizes. While {@code m+k-1} is an {@code int}, from Commons
     * Numbers' {@link LogBinomialCoefficient} (a few ulps of the result); beyond, from
     * {@code log C(n, j) = -log(n+1) - log B(j+1, n-j+1)} with {@code n = m+k-1} (rounded to a double),
     * {@code j = min(k, m-1)} and Commons Numbers' {@link LogBeta} (relative error a few ulps plus that of
     * rounding n, about {@code 2^-53·j}).
     *
     * @param items m, at least 1
     * @param size k, at least 0
     * @return the natural logarithm of the count
     */
    public static double logCount(long items, long size) {
        Checks.atLeast("items", items, 1);
        Checks.atLeast("size", size, 0);
        long others = items - 1;
        long smaller = Math.min(size, others);
        if (others <= Integer.MAX_VALUE - size) {
            return LogBinomialCoefficient.value((int) (others + size), (int) smaller);
        }
        double n = (double) others + size;
        return -Math.log1p(n) - LogBeta.value(smaller + 1.0, n - smaller + 1);
    }

    /**
     * {@code log10 C(m+k-1, k)}: the count has {@code floor(log10Count) + 1} decimal digits (exactly, except
     * when the logarithm lies within a few ulps of an integer). O(1) for any sizes.
     *
     * @param items m, at least 1
     * @param size k, at least 0
     * @return the decimal logarithm of the count
     */
    public static double log10Count(long items, long size) {
        return logCount(items, size) / LN10;
    }
}
