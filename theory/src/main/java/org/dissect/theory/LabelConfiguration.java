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
     * K parts, in lexicographically decreasing order of their counts. The search works on the non-zero
     * parts only (at most {@code min(K, b)} of them), so it costs O(parts) per configuration whatever K
     * is; each configuration then holds its K counts ({@code 4K} bytes).
     *
     * @param bound the setting (K, n, b, ρ²)
     * @param limit largest number of configurations to produce, at least 1
     * @return the configurations
     * @throws IllegalArgumentException if the setting has more than {@code limit} configurations, or their
     *         {@code 4K} bytes each cannot be allocated
     */
    public static List<LabelConfiguration> enumerate(SupervisedContrastiveBound bound, int limit) {
        Checks.atLeast("limit", limit, 1);
        Partitions partitions = new Partitions(bound, limit);
        partitions.fill(0, bound.batch(), bound.batch());
        int classes = bound.classes();
        Checks.allocatable(partitions.found.size() + " label configurations of K=" + classes + " counts", classes,
            4.0 * classes * partitions.found.size());
        List<LabelConfiguration> out = new ArrayList<>(partitions.found.size());
        for (int[] parts : partitions.found) {
            out.add(of(bound, parts));
        }
        return out;
    }

    /** Depth-first search over the non-increasing non-zero parts of b, at most K of them. */
    private static final class Partitions {
        private final SupervisedContrastiveBound bound;
        private final int limit;
        private final List<int[]> found = new ArrayList<>();
        private int[] parts = new int[1];

        Partitions(SupervisedContrastiveBound bound, int limit) {
            this.bound = bound;
            this.limit = limit;
        }

        void fill(int position, int remaining, int largest) {
            if (remaining == 0) {
                if (found.size() == limit) {
                    throw new IllegalArgumentException("more than " + limit + " label configurations for K="
                        + bound.classes() + ", b=" + bound.batch());
                }
                found.add(Arrays.copyOf(parts, position));
                return;
            }
            if (position == parts.length) {
                parts = Arrays.copyOf(parts, 2 * position);
            }
            long slots = (long) bound.classes() - position;
            for (int v = Math.min(largest, remaining); v >= 1 && v * slots >= remaining; v--) {
                parts[position] = v;
                fill(position + 1, remaining - v, v);
            }
        }
    }

    /** The configuration of the non-increasing non-zero parts, padded with zeros to K counts. */
    private static LabelConfiguration of(SupervisedContrastiveBound bound, int[] parts) {
        // K!/(Π_v m_v!) = K(K-1)…(K-r+1) / Π_{v>0} m_v!, r the number of non-zero parts
        BigInteger vectors = BigInteger.ONE;
        BigInteger perVector = BigInteger.ONE;
        double loss = 0;
        int run = 1;
        for (int y = 0; y < parts.length; y++) {
            vectors = vectors.multiply(BigInteger.valueOf((long) bound.classes() - y));
            perVector = perVector.multiply(Multisets.count(bound.perClass(), parts[y]));
            loss += bound.classLevel(parts[y]);
            if (y + 1 < parts.length && parts[y + 1] == parts[y]) {
                run++;
            } else {
                vectors = vectors.divide(factorial(run));
                run = 1;
            }
        }
        return new LabelConfiguration(Arrays.copyOf(parts, bound.classes()), vectors, vectors.multiply(perVector), loss);
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
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return label() + " batches=" + batches + " lossAtSimplex=" + lossAtSimplex;
    }
}
