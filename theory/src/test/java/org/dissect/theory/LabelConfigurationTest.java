package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class LabelConfigurationTest {

    /** Sorted (non-increasing) class-count vector of a batch, as a list so it can key a map. */
    private static List<Integer> sortedCounts(int[] batch, int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int i : batch) {
            counts[labels[i]]++;
        }
        List<Integer> sorted = new ArrayList<>();
        for (int c : counts) {
            sorted.add(c);
        }
        sorted.sort((a, b) -> Integer.compare(b, a));
        return sorted;
    }

    private static List<Integer> asList(int[] counts) {
        List<Integer> out = new ArrayList<>();
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    /** Every composition of b into K nonnegative parts (enumerated), grouped by its sorted vector. */
    private static Map<List<Integer>, Long> compositionsBySortedVector(int classes, int batchSize) {
        Map<List<Integer>, Long> out = new HashMap<>();
        int[] parts = new int[classes];
        collect(parts, 0, batchSize, out);
        return out;
    }

    private static void collect(int[] parts, int position, int remaining, Map<List<Integer>, Long> out) {
        if (position == parts.length - 1) {
            parts[position] = remaining;
            int[] sorted = parts.clone();
            Arrays.sort(sorted);
            List<Integer> key = new ArrayList<>();
            for (int i = sorted.length - 1; i >= 0; i--) {
                key.add(sorted[i]);
            }
            out.merge(key, 1L, Long::sum);
            return;
        }
        for (int v = 0; v <= remaining; v++) {
            parts[position] = v;
            collect(parts, position + 1, remaining - v, out);
        }
    }

    /**
     * Structural facts over a range of settings: counts have length K, are non-increasing, nonnegative
     * and sum to b; configurations come in lexicographically decreasing order, each exactly once;
     * their batches add up to |𝔅| (test's binomial); their count vectors add up to the number of
     * compositions of b into K nonnegative parts, C(b+K-1, K-1); batches = countVectors·Π C(n+l-1, l)
     * (test's binomials); lossAtSimplex is the sum of the test's levels (relative 1e-14).
     */
    @Property(tries = 40)
    void configurationsPartitionTheBatchesAndTheCompositions(
            @ForAll @IntRange(min = 2, max = 8) int k, @ForAll @IntRange(min = 1, max = 60) int perClass,
            @ForAll @IntRange(min = 2, max = 24) int batchSize,
            @ForAll @DoubleRange(min = -2, max = 1.5) @Scale(6) double log10Rho2) {
        double rho2 = Math.pow(10, log10Rho2);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, rho2);
        List<LabelConfiguration> configurations = LabelConfiguration.enumerate(bound, 100_000);
        BigInteger batches = BigInteger.ZERO;
        BigInteger vectors = BigInteger.ZERO;
        int[] previous = null;
        for (LabelConfiguration c : configurations) {
            int[] counts = c.counts();
            assertEquals(k, counts.length);
            int sum = 0;
            BigInteger perVector = BigInteger.ONE;
            double loss = 0;
            for (int y = 0; y < k; y++) {
                assertTrue(counts[y] >= 0, c.toString());
                assertTrue(y == 0 || counts[y] <= counts[y - 1], "non-increasing: " + c);
                sum += counts[y];
                perVector = perVector.multiply(Reference.multisetCount(perClass, counts[y]));
                loss += SupervisedContrastiveBoundProperties.level(k, batchSize, rho2, counts[y]);
            }
            assertEquals(batchSize, sum, c.toString());
            if (previous != null) {
                assertTrue(Arrays.compare(previous, counts) > 0, "strictly decreasing order: " + Arrays.toString(previous)
                    + " then " + Arrays.toString(counts));
            }
            previous = counts;
            assertEquals(c.countVectors().multiply(perVector), c.batches(), "batches of " + c);
            Reference.assertWithin(loss, c.lossAtSimplex(), 1e-14 * Math.max(1, loss), "lossAtSimplex of " + c);
            batches = batches.add(c.batches());
            vectors = vectors.add(c.countVectors());
        }
        assertEquals(Reference.multisetCount(k * perClass, batchSize), batches, "sum of batches = |B|");
        assertEquals(Reference.binomial(batchSize + k - 1, k - 1), vectors, "sum of count vectors = C(b+K-1, K-1)");
    }

    /**
     * Σ batches·lossAtSimplex over the configurations is the Theorem 2 total (computed from M_l): two
     * different decompositions of the same sum. Relative 1e-12 (the summands are exact big integers times
     * levels that agree to a few ulps).
     */
    @Property(tries = 40)
    void configurationLossesWeightedByBatchesAddUpToTheTotalBound(
            @ForAll @IntRange(min = 2, max = 8) int k, @ForAll @IntRange(min = 1, max = 5000) int perClass,
            @ForAll @IntRange(min = 2, max = 24) int batchSize,
            @ForAll @DoubleRange(min = -2, max = 1.5) @Scale(6) double log10Rho2) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, Math.pow(10, log10Rho2));
        BigDecimal sum = BigDecimal.ZERO;
        for (LabelConfiguration c : LabelConfiguration.enumerate(bound, 100_000)) {
            sum = sum.add(new BigDecimal(c.batches()).multiply(new BigDecimal(c.lossAtSimplex())));
        }
        BigDecimal total = bound.totalBound();
        if (total.signum() == 0) {
            assertEquals(0, sum.signum());
        } else {
            double relative = sum.subtract(total).abs().divide(total, MathContext.DECIMAL64).doubleValue();
            assertTrue(relative <= 1e-12, "relative difference " + relative);
        }
    }

    /**
     * Against enumeration: the configurations are exactly the distinct sorted vectors of the
     * compositions of b into K parts, and each one's countVectors is the number of compositions that
     * sort to it (C(b+K-1, K-1) ≤ C(23, 3) here).
     */
    @Property(tries = 40)
    void configurationsAreTheSortedCompositionsWithTheirMultiplicities(
            @ForAll @IntRange(min = 2, max = 4) int k, @ForAll @IntRange(min = 2, max = 20) int batchSize) {
        Map<List<Integer>, Long> expected = compositionsBySortedVector(k, batchSize);
        List<LabelConfiguration> configurations =
            LabelConfiguration.enumerate(new SupervisedContrastiveBound(k, 2, batchSize, 1.0), 100_000);
        assertEquals(expected.size(), configurations.size());
        for (LabelConfiguration c : configurations) {
            Long multiplicity = expected.get(asList(c.counts()));
            assertTrue(multiplicity != null, "unexpected configuration " + c.label());
            assertEquals(BigInteger.valueOf(multiplicity), c.countVectors(), c.label());
        }
    }

    /**
     * Brute force over every multiset batch (K in 2..3, n in 1..3, b in 2..5): grouping the batches by
     * their sorted class-count vector reproduces each configuration's {@code batches}, and at the simplex
     * every batch's Definition 2 loss equals its configuration's lossAtSimplex. Tolerance per batch:
     * 1e-12 relative plus a few ulps of max(1, ρ²) per anchor (each anchor term is a log-sum-exp minus a
     * logit of size ρ²).
     */
    @Property(tries = 30)
    void everyBatchAtTheSimplexHasItsConfigurationsLoss(
            @ForAll @IntRange(min = 2, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int perClass,
            @ForAll @IntRange(min = 2, max = 5) int batchSize,
            @ForAll @DoubleRange(min = -1, max = 1) @Scale(6) double log10Rho) {
        double rho = Math.pow(10, log10Rho);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, rho * rho);
        Map<List<Integer>, LabelConfiguration> byCounts = new HashMap<>();
        for (LabelConfiguration c : LabelConfiguration.enumerate(bound, 1000)) {
            byCounts.put(asList(c.counts()), c);
        }
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = Reference.collapsed(RegularSimplex.regularSimplex(k, k - 1, rho), labels);
        Map<List<Integer>, Long> seen = new HashMap<>();
        for (int[] batch : Reference.multisets(labels.length, batchSize)) {
            List<Integer> key = sortedCounts(batch, labels, k);
            seen.merge(key, 1L, Long::sum);
            LabelConfiguration c = byCounts.get(key);
            assertTrue(c != null, "no configuration " + key);
            double loss = SupervisedContrastive.batchLoss(z, labels, batch);
            double tolerance = 1e-12 * Math.abs(c.lossAtSimplex()) + 8.0 * batchSize * Math.ulp(Math.max(1, rho * rho));
            Reference.assertWithin(c.lossAtSimplex(), loss, tolerance, "batch " + Arrays.toString(batch) + " of " + c.label());
        }
        assertEquals(byCounts.size(), seen.size(), "every configuration occurs");
        for (Map.Entry<List<Integer>, Long> e : seen.entrySet()) {
            assertEquals(BigInteger.valueOf(e.getValue()), byCounts.get(e.getKey()).batches(), "batches of " + e.getKey());
        }
    }

    /**
     * Fig. 5 of the paper (K = 3, b = 9): the configurations (7,2,0), (6,2,1), (5,3,1), (4,4,1), (7,1,1),
     * (5,2,2) and (3,3,3) all occur, among the 12 partitions of 9 into at most 3 parts (counted here by
     * enumerating compositions); at K = 3, n = 4, ρ = 1 their batches add up to 167,960.
     */
    @Test
    void figure5ConfigurationsAppearAmongTheTwelveForThreeClassesAndBatchNine() {
        List<LabelConfiguration> configurations =
            LabelConfiguration.enumerate(new SupervisedContrastiveBound(3, 4, 9, 1.0), 1000);
        assertEquals(compositionsBySortedVector(3, 9).size(), configurations.size());
        assertEquals(12, configurations.size());
        Set<String> labels = new HashSet<>();
        for (LabelConfiguration c : configurations) {
            labels.add(c.label());
        }
        for (String expected : new String[] {"(7,2,0)", "(6,2,1)", "(5,3,1)", "(4,4,1)", "(7,1,1)", "(5,2,2)", "(3,3,3)"}) {
            assertTrue(labels.contains(expected), expected + " missing from " + labels);
        }
        assertEquals("(9,0,0)", configurations.get(0).label());
        assertEquals("(3,3,3)", configurations.get(configurations.size() - 1).label());
        BigInteger batches = BigInteger.ZERO;
        for (LabelConfiguration c : configurations) {
            batches = batches.add(c.batches());
        }
        assertEquals(BigInteger.valueOf(167_960), batches);
        // the Fig. 5 configurations have different losses at the simplex (no single minimiser)
        Set<Double> losses = new HashSet<>();
        for (LabelConfiguration c : configurations) {
            losses.add(c.lossAtSimplex());
        }
        assertEquals(12, losses.size());
    }

    @Test
    void theLimitIsEnforcedExactly() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(3, 4, 9, 1.0);
        assertEquals(12, LabelConfiguration.enumerate(bound, 12).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelConfiguration.enumerate(bound, 11));
        assertTrue(e.getMessage().contains("11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelConfiguration.enumerate(bound, 0));
    }

    @Test
    void equalityLabelAndTextFollowTheCounts() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(3, 4, 9, 1.0);
        List<LabelConfiguration> a = LabelConfiguration.enumerate(bound, 1000);
        List<LabelConfiguration> b = LabelConfiguration.enumerate(bound, 1000);
        assertEquals(a, b);
        assertEquals(a.get(3).hashCode(), b.get(3).hashCode());
        // hashing spreads: the twelve configurations of (K=3, b=9) hash to twelve different values
        assertEquals(a.size(), a.stream().mapToInt(LabelConfiguration::hashCode).distinct().count());
        assertNotEquals(a.get(3), a.get(4));
        assertTrue(a.get(0).toString().contains("(9,0,0)"));
        assertNotEquals(a.get(0), LabelConfiguration.enumerate(new SupervisedContrastiveBound(3, 5, 9, 1.0), 1000).get(0));
    }

    /**
     * Many classes, small batch: K = 100,000, b = 9 has the p(9) = 30 partitions of 9 (every one fits in
     * K parts); the batches of all configurations add up to |𝔅| = C(N+8, 9), computed here from a falling
     * factorial, and the configuration (1,1,…,1,0,…) stands for C(K, 9) count vectors. Fast, because
     * K!/Π m_v! is formed from the non-zero parts only.
     */
    @Test
    void manyClassesWithASmallBatchEnumerateQuicklyAndCountEveryBatch() {
        int k = 100_000;
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, 1, 9, 1.0);
        List<LabelConfiguration> all = LabelConfiguration.enumerate(bound, 30);
        assertEquals(30, all.size());
        BigInteger batches = BigInteger.ZERO;
        for (LabelConfiguration c : all) {
            assertEquals(k, c.counts().length);
            batches = batches.add(c.batches());
        }
        assertEquals(Reference.binomial(k + 8L, 9), batches);
        LabelConfiguration ones = all.get(29);
        assertEquals(1, ones.counts()[8]);
        assertEquals(0, ones.counts()[9]);
        assertEquals(Reference.binomial(k, 9), ones.countVectors());
    }

    /** K = 2^31 - 1 classes: each configuration would hold 8.6 GB of counts; refused with K named. */
    @Test
    void configurationsThatCannotBeAllocatedAreRefused() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(Integer.MAX_VALUE, 1, 3, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelConfiguration.enumerate(bound, 10));
        assertTrue(e.getMessage().contains("K=2147483647"), e.getMessage());
        // K = 2^30: each configuration 4 GiB, the 30 of b = 9 together 128 GiB: refused by the heap estimate
        SupervisedContrastiveBound wide = new SupervisedContrastiveBound(1 << 30, 1, 9, 1.0);
        e = assertThrows(IllegalArgumentException.class, () -> LabelConfiguration.enumerate(wide, 100));
        assertTrue(e.getMessage().startsWith("30 label configurations of K=1073741824 counts needs about 1.29e+11 bytes"),
            e.getMessage());
    }
}
