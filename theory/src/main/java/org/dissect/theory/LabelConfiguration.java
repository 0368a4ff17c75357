package org.dissect.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A label configuration of a batch: its class counts {@code (l_1, …, l_K)} up to permutation of the
 * classes, stored in non-increasing order (zeros included). At the simplex every batch's loss depends
 * only on its label configuration (Theorem 2), so the configurations index the levels of the Fig. 6
 * histogram.
 *
 * @param counts the K class counts in non-increasing order, summing to b
 * @param countVectors how many ordered count vectors the configuration stands for: {@code K!/Π_v m_v!}
 *        with {@code m_v} the multiplicity of value v among the counts
 * @param batches how many multiset batches have this configuration:
 *        {@code countVectors · Π_y C(n+l_y-1, l_y)}
 * @param lossAtSimplex the batch loss at the simplex: {@code Σ_y l_y·log(l_y-1 + (b-l_y)e^{-Kρ²/(K-1)})}
 *        over classes with {@code l_y ≥ 2}
 */
public record LabelConfiguration(int[] counts, BigInteger countVectors, BigInteger batches, double lossAtSimplex) {

    /**
     * Enumerates every label configuration of a Theorem 2 setting: the partitions of b into at most
     * K parts, in lexicographically decreasing order of their counts.
     *
     * @param bound the setting (K, n, b, ρ²)
     * @param limit largest number of configurations to produce, at least 1
     * @return the configurations
     * @throws IllegalArgumentException if the setting has more than {@code limit} configurations
     */
    public static List<LabelConfiguration> enumerate(SupervisedContrastiveBound bound, int limit) {
        Checks.atLeast("limit", limit, 1);
        List<LabelConfiguration> out = new ArrayList<>();
        int[] counts = new int[bound.classes()];
        fill(bound, counts, 0, bound.batch(), bound.batch(), out, limit);
        return out;
    }

    private static void fill(SupervisedContrastiveBound bound, int[] counts, int position, int remaining,
                             int largest, List<LabelConfiguration> out, int limit) {
        if (position == counts.length) {
            if (remaining == 0) {
                if (out.size() == limit) {
                    throw new IllegalArgumentException("more than " + limit + " label configurations for K="
                        + bound.classes() + ", b=" + bound.batch());
                }
                out.add(of(bound, counts.clone()));
            }
            return;
        }
        int slots = counts.length - position;
        for (int v = Math.min(largest, remaining); v >= 0 && (long) v * slots >= remaining; v--) {
            counts[position] = v;
            fill(bound, counts, position + 1, remaining - v, v, out, limit);
        }
        counts[position] = 0;
    }

    private static LabelConfiguration of(SupervisedContrastiveBound bound, int[] counts) {
        BigInteger vectors = factorial(counts.length);
        BigInteger perVector = BigInteger.ONE;
        double loss = 0;
        int run = 1;
        for (int y = 0; y < counts.length; y++) {
            perVector = perVector.multiply(Multisets.count(bound.perClass(), counts[y]));
            loss += bound.classLevel(counts[y]);
            if (y + 1 < counts.length && counts[y + 1] == counts[y]) {
                run++;
            } else {
                vectors = vectors.divide(factorial(run));
                run = 1;
            }
        }
        return new LabelConfiguration(counts, vectors, vectors.multiply(perVector), loss);
    }

    private static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= k; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /** @return the counts as {@code (l_1,l_2,…)}, as the paper writes them */
    public String label() {
        return label(counts);
    }

    /**
     * @param counts class counts (not modified)
     * @return them as the paper writes a label configuration, e.g. {@code (7,2,0)}
     */
    public static String label(int[] counts) {
        StringBuilder s = new StringBuilder("(");
        for (int y = 0; y < counts.length; y++) {
            s.append(y == 0 ? "" : ",").append(counts[y]);
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelConfiguration c && Arrays.equals(counts, c.counts)
            && countVectors.equals(c.countVectors) && batches.equals(c.batches)
            && Double.compare(lossAtSimplex, c.lossAtSimplex) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts) * 31 + batches.hashCode();
    }

    @Override
    public String toString() {
        return label() + " batches=" + batches + " lossAtSimplex=" + lossAtSimplex;
    }
}
