package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class SupConFloorTest {

    /**
     * With one view, τ = τ_base and multiset sampling, the practitioner's floor is Theorem 2's mean
     * bound at ρ² = 1/τ divided by b (Khosla's mean per anchor vs. Definition 2's sum over b anchors).
     * Compared with the exact (big-integer) mean. Tolerance 1e-11 relative: the floor's probabilities
     * come from log-binomials (see the meanBound tolerance in SupervisedContrastiveBoundProperties).
     */
    @Property(tries = 40)
    void oneViewAtBaseTemperatureIsTheTheorem2MeanBoundOverB(
            @ForAll @IntRange(min = 2, max = 100) int k, @ForAll @IntRange(min = 1, max = 5000) int perClass,
            @ForAll @IntRange(min = 3, max = 256) int batch,
            @ForAll @DoubleRange(min = 0.05, max = 2) @Scale(6) double tau) {
        SupConFloor floor = SupConFloor.of(k, k * perClass, batch, 1, tau, tau, BatchSampling.MULTISET);
        double mean = new SupervisedContrastiveBound(k, perClass, batch, 1 / tau).meanBoundExact();
        Reference.assertRelative(mean / batch, floor.lossFloor(), 1e-11, "floor vs Theorem 2 mean / b");
    }

    /**
     * 256 instances × 2 views at τ = 0.1, τ_base = 0.07: with two views every anchor has a positive, so
     * the uninformative level is {@code (0.1/0.07)·log(511) ≈ 8.909} for every sampling and K.
     * Relative 1e-11 (the expectation sums the distribution, see BatchSamplingTest).
     */
    @Test
    void uninformativeLevelFor256InstancesTimesTwoViewsIs8point909() {
        double expected = 0.1 / 0.07 * Math.log(511);
        Reference.assertWithin(8.909, expected, 5e-4, "(0.1/0.07) log 511");
        for (int k : new int[] {2, 10, 100}) {
            for (BatchSampling sampling : BatchSampling.values()) {
                SupConFloor floor = SupConFloor.of(k, 50_000, 256, 2, 0.1, 0.07, sampling);
                Reference.assertRelative(expected, floor.uninformativeLevel(), 1e-11, sampling + " K=" + k);
                assertTrue(floor.lossFloor() < floor.uninformativeLevel(), "floor below the level");
            }
        }
    }

    /** The floor never exceeds the uninformative level (each anchor's log(a-1+(M-a)e) ≤ log(M-1)). */
    @Property(tries = 100)
    void floorNeverExceedsTheUninformativeLevel(@ForAll @IntRange(min = 2, max = 100) int k,
                                                @ForAll @IntRange(min = 1, max = 2000) int perClass,
                                                @ForAll @IntRange(min = 1, max = 256) int batchWanted,
                                                @ForAll @IntRange(min = 1, max = 4) int views,
                                                @ForAll @DoubleRange(min = 0.02, max = 2) @Scale(6) double tau,
                                                @ForAll @IntRange(min = 0, max = 2) int samplingIndex) {
        BatchSampling sampling = BatchSampling.values()[samplingIndex];
        int size = k * perClass;
        int batch = Math.max(views == 1 ? 2 : 1, Math.min(batchWanted, size));
        SupConFloor floor = SupConFloor.of(k, size, batch, views, tau, 0.07, sampling);
        assertTrue(floor.lossFloor() >= 0, "nonnegative floor");
        assertTrue(floor.lossFloor() <= floor.uninformativeLevel() * (1 + 1e-14),
            floor.lossFloor() + " > " + floor.uninformativeLevel());
    }

    /** Features of a batch: {@code views} copies of each instance's unit class vertex (or one shared unit vector). */
    private static double[][] features(int[] instances, int[] classOf, int views, double[][] vertices, boolean allEqual) {
        double[][] u = new double[instances.length * views][];
        for (int v = 0; v < views; v++) {
            for (int p = 0; p < instances.length; p++) {
                u[v * instances.length + p] = allEqual ? vertices[0].clone() : vertices[classOf[instances[p]]].clone();
            }
        }
        return u;
    }

    private static int[] featureLabels(int[] instances, int[] classOf, int views) {
        int[] labels = new int[instances.length * views];
        for (int v = 0; v < views; v++) {
            for (int p = 0; p < instances.length; p++) {
                labels[v * instances.length + p] = classOf[instances[p]];
            }
        }
        return labels;
    }

    /** The batches each sampling draws on a tiny data set, each equally likely: enumerated here. */
    private static List<int[]> equallyLikelyBatches(BatchSampling sampling, int size, int batch) {
        return switch (sampling) {
            case WITHOUT_REPLACEMENT -> Reference.subsets(size, batch);
            case WITH_REPLACEMENT -> Reference.tuples(size, batch);
            case MULTISET -> Reference.multisets(size, batch);
        };
    }

    /**
     * The floor is an expectation; on a tiny balanced data set (K in 2..3, n in 1..3) it equals the
     * average, over every equally likely batch of the sampling (all bsz-subsets; all ordered bsz-tuples;
     * all bsz-multisets), of {@code khoslaReported} on the collapsed-simplex features (views copies per
     * instance, unit norm, so ρ² = 1/τ). The uninformative level likewise equals the average with all
     * features equal. Relative 1e-12 (a few hundred averaged terms, each rounded to a few ulps of ≤ 1/τ).
     */
    @Property(tries = 60)
    void floorAndLevelAreBruteForceExpectationsOverEveryBatch(
            @ForAll @IntRange(min = 2, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int perClass,
            @ForAll @IntRange(min = 1, max = 4) int batchWanted, @ForAll @IntRange(min = 1, max = 3) int views,
            @ForAll @IntRange(min = 0, max = 2) int samplingIndex,
            @ForAll @DoubleRange(min = 0.05, max = 1) @Scale(6) double tau,
            @ForAll @DoubleRange(min = 0.05, max = 1) @Scale(6) double tauBase) {
        BatchSampling sampling = BatchSampling.values()[samplingIndex];
        int size = k * perClass;
        int batch = Math.min(batchWanted, sampling == BatchSampling.WITHOUT_REPLACEMENT ? size : 4);
        if (batch * views < 2) {
            batch = 2; // one view needs two instances for any anchor to have a positive (N ≥ 2 here)
        }
        int[] classOf = Reference.balancedLabels(k, perClass);
        double[][] vertices = RegularSimplex.regularSimplex(k, k, 1.0);
        double floorSum = 0;
        double levelSum = 0;
        List<int[]> batches = equallyLikelyBatches(sampling, size, batch);
        for (int[] instances : batches) {
            int[] labels = featureLabels(instances, classOf, views);
            floorSum += SupervisedContrastive.khoslaReported(features(instances, classOf, views, vertices, false), labels, tau, tauBase);
            levelSum += SupervisedContrastive.khoslaReported(features(instances, classOf, views, vertices, true), labels, tau, tauBase);
        }
        SupConFloor floor = SupConFloor.of(k, size, batch, views, tau, tauBase, sampling);
        double scale = tau / tauBase;
        Reference.assertWithin(floorSum / batches.size(), floor.lossFloor(), 1e-12 * scale * (1 + floorSum / batches.size()),
            sampling + " floor");
        Reference.assertWithin(levelSum / batches.size(), floor.uninformativeLevel(), 1e-12 * scale * (1 + levelSum / batches.size()),
            sampling + " uninformative level");
    }

    @Test
    void invalidSetupsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SupConFloor.of(2, 10, 1, 1, 0.1, 0.07, BatchSampling.MULTISET));
        assertThrows(IllegalArgumentException.class, () -> SupConFloor.of(2, 10, 4, 0, 0.1, 0.07, BatchSampling.MULTISET));
        assertThrows(IllegalArgumentException.class, () -> SupConFloor.of(2, 10, 4, 2, 0.0, 0.07, BatchSampling.MULTISET));
        assertThrows(IllegalArgumentException.class, () -> SupConFloor.of(2, 10, 4, 2, 0.1, Double.NaN, BatchSampling.MULTISET));
        assertThrows(IllegalArgumentException.class, () -> SupConFloor.of(3, 10, 4, 2, 0.1, 0.07, BatchSampling.MULTISET));
        assertThrows(IllegalArgumentException.class, () -> SupConFloor.of(2, 10, 11, 2, 0.1, 0.07, BatchSampling.WITHOUT_REPLACEMENT));
    }
}
