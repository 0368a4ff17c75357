package org.dissect.theory;

import java.math.BigInteger;
import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;

/**
 * Counting multisets ("combinations with replacement"): the number of multisets of size {@code k}
 * drawn from {@code m} items is {@code C(m+k-1, k)}.
 */
public final class Multisets {
    private Multisets() {
    }

    /**
     * Exact {@code C(m+k-1, k)}, by the product {@code Π_{i=1..k} (m-1+i)/i} in big integers
     * (every partial product is itself a binomial coefficient, so each division is exact).
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
        BigInteger base = BigInteger.valueOf(items).subtract(BigInteger.ONE);
        for (int i = 1; i <= size; i++) {
            c = c.multiply(base.add(BigInteger.valueOf(i))).divide(BigInteger.valueOf(i));
        }
        return c;
    }

    /**
     * Exact {@code C(m+k-1, k)} for every {@code k = 0..maxSize}, by the recurrence
     * {@code c_k = c_{k-1}·(m+k-1)/k} (exact at every step): O(maxSize) big-integer operations instead of
     * O(maxSize²) for repeated {@link #count(long, int)} calls.
     *
     * @param items m, at least 0
     * @param maxSize largest size, at least 0
     * @return {@code counts[k] = C(m+k-1, k)}
     */
    public static BigInteger[] counts(long items, int maxSize) {
        Checks.atLeast("items", items, 0);
        Checks.atLeast("size", maxSize, 0);
        BigInteger[] c = new BigInteger[maxSize + 1];
        c[0] = BigInteger.ONE;
        BigInteger base = BigInteger.valueOf(items).subtract(BigInteger.ONE);
        for (int k = 1; k <= maxSize; k++) {
            c[k] = c[k - 1].multiply(base.add(BigInteger.valueOf(k))).divide(BigInteger.valueOf(k));
        }
        return c;
    }

    /**
     * {@code log C(m+k-1, k)} in double, from Commons Numbers' {@link LogBinomialCoefficient}
     * (log-gamma based, absolute error of a few ulps of the result).
     *
     * @param items m, at least 1, with {@code m+k-1} an {@code int}
     * @param size k, at least 0
     * @return the natural logarithm of the count
     */
    public static double logCount(int items, int size) {
        Checks.atLeast("items", items, 1);
        Checks.atLeast("size", size, 0);
        return LogBinomialCoefficient.value(Math.addExact(items - 1, size), size);
    }
}
