package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.dissect.theory.SupervisedContrastive;
import org.junit.jupiter.api.Test;

/** The kernel's summation and its gradient blocks, on problems built so that a shortcut shows. */
class BatchLossKernelTest {
    /**
     * On a line at radius r (ρ² = 15): point 0 at -r and M points at +r in class 0, M points at -r in class 1. Batches
     * that hold point 0 come first in rank order and cost about 2ρ² each; then come batches of one class (3 log 2)
     * and batches with one positive pair against a negative, {@code 2 log(1 + e^{-2ρ²}) ≈ 1.9e-13} each: below half
     * an ulp of the running sum (≈ 1e4), so an uncompensated sum drops every one of them (some 1e-8 in all).
     */
    private static EnumerationProblem cancellingLine() {
        int m = 40;
        double r = Math.sqrt(15);
        double[][] z = new double[2 * m + 1][];
        int[] labels = new int[z.length];
        z[0] = new double[] {-r};
        for (int i = 1; i <= m; i++) {
            z[i] = new double[] {r};
            z[m + i] = new double[] {-r};
            labels[m + i] = 1;
        }
        return new EnumerationProblem(z, labels, 2, 3);
    }

    /** The exact sum (BigDecimal) of Definition 2's batch losses, in total and per label configuration. */
    private static Map<String, BigDecimal> exactSums(EnumerationProblem p) {
        double[][] z = p.points();
        int[] labels = p.labels();
        MultisetRanking ranking = p.ranking();
        int[] batch = ranking.unrank(0);
        Map<String, BigDecimal> sums = new HashMap<>();
        do {
            BigDecimal loss = new BigDecimal(SupervisedContrastive.batchLoss(z, labels, batch));
            int[] counts = new int[p.classes()];
            for (int i : batch) {
                counts[labels[i]]++;
            }
            Arrays.sort(counts);
            sums.merge("total", loss, BigDecimal::add);
            sums.merge(Arrays.toString(counts), loss, BigDecimal::add);
        } while (ranking.successor(batch));
        return sums;
    }

    private static double total(BatchLossKernel kernel) {
        double[] loss = kernel.loss();
        return loss[0] + loss[1];
    }

    /**
     * Per batch, the kernel and the reference each round to a few ulps of the batch's largest term (2ρ² = 30 for
     * the first batches, 2.1 for one-class batches, about 1e-15 of the tiny ones through {@code log(1 + δ)}): some
     * 1e-10 over the 91,881 batches; the compensated sum adds {@code 2ε·|S| ≈ 1e-11}. The dropped tiny batches add
     * up to about 1e-8.
     */
    private static final double TOLERANCE = 1e-9;

    @Test
    void lossOnlyWalksSumLikeTheExactReference() {
        EnumerationProblem p = cancellingLine();
        double exact = exactSums(p).get("total").doubleValue();
        BatchLossKernel whole = new BatchLossKernel(p, false, null);
        whole.walk(0, p.batchCount());
        assertEquals(exact, total(whole), TOLERANCE, "runs from their first leaf");
        // every run split after its first leaf: the rest of each run goes through the branch-free loop
        BatchLossKernel split = new BatchLossKernel(p, false, null);
        int[] tuple = new int[3];
        long runStart = 0;
        for (long rank = 1; rank <= p.batchCount(); rank++) {
            if (rank == p.batchCount() || startsRun(p, rank, tuple)) {
                split.walk(runStart, runStart + 1);
                split.walk(runStart + 1, rank);
                runStart = rank;
            }
        }
        assertEquals(exact, total(split), TOLERANCE, "runs from their second leaf");
    }

    private static boolean startsRun(EnumerationProblem p, long rank, int[] tuple) {
        p.ranking().unrank(rank, tuple);
        return tuple[tuple.length - 1] == tuple[tuple.length - 2];
    }

    @Test
    void walksWithGradientOrHistogramSumLikeTheExactReference() {
        EnumerationProblem p = cancellingLine();
        Map<String, BigDecimal> exact = exactSums(p);
        BatchLossKernel gradient = new BatchLossKernel(p, true, null);
        gradient.walk(0, p.batchCount());
        assertEquals(exact.get("total").doubleValue(), total(gradient), TOLERANCE);
        ConfigurationIndex configurations = new ConfigurationIndex(2, 3);
        BatchLossKernel histogram = new BatchLossKernel(p, false, configurations);
        histogram.walk(0, p.batchCount());
        assertEquals(exact.get("total").doubleValue(), total(histogram), TOLERANCE);
        for (int c = 0; c < configurations.size(); c++) {
            int[] counts = configurations.counts(c);
            int[] sorted = counts.clone();
            Arrays.sort(sorted);
            double sum = histogram.histogramSum()[c] + histogram.histogramCompensation()[c];
            assertEquals(exact.get(Arrays.toString(sorted)).doubleValue(), sum, TOLERANCE, Arrays.toString(counts));
        }
    }

    @Test
    void gradientBlocksFlushedInsideALaneAreNotCountedTwice() {
        // 4,368 batches in one lane: the gradient block (4,096 batches for N² = 144) is flushed once inside the walk
        double[][] z = new double[12][];
        int[] labels = new int[12];
        for (int i = 0; i < 12; i++) {
            z[i] = new double[] {Math.cos(2.1 * i), Math.sin(2.1 * i)};
            labels[i] = i % 3;
        }
        EnumerationProblem p = new EnumerationProblem(z, labels, 3, 5);
        assertTrue(p.batchCount() > BatchLossKernel.GRADIENT_BLOCK);
        EnumerationResult expected = new NaiveEnumeration().enumerate(p, EnumerationRequest.lossAndGradient());
        BatchLossKernel kernel = new BatchLossKernel(p, true, null);
        kernel.walk(0, p.batchCount());
        double[] gram = new double[144];
        for (int e = 0; e < gram.length; e++) {
            gram[e] = kernel.gradientSum()[e] + kernel.gradientCompensation()[e];
        }
        // the reference adds per-anchor softmax weights (at most b per batch) in plain double: 1e-12·|B|·b²
        assertArrayEquals(expected.gradientGram(), gram, 1e-12 * p.batchCount() * 25);
    }

    /**
     * ρ² = 200 with class-mates on opposite sides: an anchor whose batch-mates all sit opposite has a shifted
     * denominator of about {@code e^{-400} < 2^-500}, which the kernels log on its own (a product of such factors
     * would leave the double range). Every engine path against the naive reference (log-sum-exp per anchor).
     */
    @Test
    void denominatorsBelowTwoToTheMinus500MatchTheNaiveReference() {
        double r = Math.sqrt(200);
        double[][] z = {{r, 0}, {-r, 0}, {-r, 0}, {r, 0}, {0, r}, {-r, 0}};
        int[] labels = {0, 0, 1, 1, 0, 0};
        for (int b : new int[] {2, 3, 4}) {
            EnumerationProblem p = new EnumerationProblem(z, labels, 2, b);
            EnumerationRequest all = new EnumerationRequest(true, true, null);
            EnumerationResult expected = new NaiveEnumeration().enumerate(p, all);
            double scale = TestProblems.scale(p);
            try (JavaEnumeration engine = new JavaEnumeration(2, 2)) {  // lanes of 2 batches: most start inside a run
                EnumerationResult full = engine.enumerate(p, all);
                assertEquals(expected.totalLoss(), full.totalLoss(), 1e-12 * scale, "b=" + b);
                assertArrayEquals(expected.gradientGram(), full.gradientGram(), 1e-12 * p.batchCount() * b * b, "b=" + b);
                EnumerationContract.assertHistogramsEqual(expected.histogram(), full.histogram(), 1e-12 * scale);
                assertEquals(expected.totalLoss(), engine.enumerate(p, EnumerationRequest.loss()).totalLoss(),
                    1e-12 * scale, "loss only, b=" + b);
            }
            BatchLossKernel whole = new BatchLossKernel(p, false, null);
            whole.walk(0, p.batchCount());
            assertEquals(expected.totalLoss(), total(whole), 1e-12 * scale, "one lane, b=" + b);
        }
    }

    /**
     * Eight points at 45° on a circle of ρ² = 340, labels alternating: every denominator is about
     * {@code 2e^{-ρ²(1-cos 45°)} ≈ 1e-43}, above 2^-500, but the product of a batch's eight would underflow
     * (1e-344): the kernels must log the product whenever it leaves [2^-500, 2^500].
     */
    @Test
    void productsOfManySmallDenominatorsAreLoggedBeforeTheyUnderflow() {
        double r = Math.sqrt(340);
        double[][] z = new double[8][];
        int[] labels = new int[8];
        for (int i = 0; i < 8; i++) {
            z[i] = new double[] {r * Math.cos(i * Math.PI / 4), r * Math.sin(i * Math.PI / 4)};
            labels[i] = i % 2;
        }
        EnumerationProblem p = new EnumerationProblem(z, labels, 2, 8);
        EnumerationRequest all = new EnumerationRequest(true, true, null);
        EnumerationResult expected = new NaiveEnumeration().enumerate(p, all);
        double scale = TestProblems.scale(p);
        for (long minLane : new long[] {3, 1L << 40}) {  // lanes starting inside runs, and one lane
            try (JavaEnumeration engine = new JavaEnumeration(2, minLane)) {
                EnumerationResult full = engine.enumerate(p, all);
                assertEquals(expected.totalLoss(), full.totalLoss(), 1e-12 * scale);
                assertArrayEquals(expected.gradientGram(), full.gradientGram(), 1e-12 * p.batchCount() * 64);
                EnumerationContract.assertHistogramsEqual(expected.histogram(), full.histogram(), 1e-12 * scale);
                assertEquals(expected.totalLoss(), engine.enumerate(p, EnumerationRequest.loss()).totalLoss(), 1e-12 * scale);
            }
        }
    }

    @Test
    void anEmptyRangeAddsNothingEvenAtTheEnd() {
        EnumerationProblem p = TestProblems.simplex(2, 2, 1, 1.0, 3);
        BatchLossKernel kernel = new BatchLossKernel(p, true, new ConfigurationIndex(2, 3));
        kernel.walk(p.batchCount(), p.batchCount());
        kernel.walk(3, 3);
        assertArrayEquals(new double[] {0, 0}, kernel.loss());
        assertArrayEquals(new double[16], kernel.gradientSum());
        assertArrayEquals(new long[2], kernel.histogramCount());
    }

    @Test
    void largeBatchesStartingInsideARunKeepTheirProductsInRange() {
        // b = 160 > 140: a lane that starts inside a run must not take the product shortcut ((b-1)^b overflows);
        // the first batch, 159 copies of point 0 and one of point 1, has about 158^159 = 1e349 as its product
        double[][] z = {{1.5, 0}, {-0.2, 0.9}};
        EnumerationProblem p = new EnumerationProblem(z, new int[] {0, 1}, 2, 160);
        MultisetRanking ranking = p.ranking();
        int[] batch = ranking.unrank(1);
        double expected = 0;
        do {
            expected += SupervisedContrastive.batchLoss(z, p.labels(), batch);
        } while (ranking.successor(batch));
        BatchLossKernel kernel = new BatchLossKernel(p, false, null);
        kernel.walk(1, p.batchCount());
        assertEquals(expected, total(kernel), 1e-12 * TestProblems.scale(p));
    }

    @Test
    void theJavaEngineKeepsEachLanesCompensation() {
        // the lanes' sums each drop their tiny batches without their compensations (see cancellingLine)
        EnumerationProblem p = cancellingLine();
        Map<String, BigDecimal> exact = exactSums(p);
        try (JavaEnumeration engine = new JavaEnumeration(2)) {
            EnumerationResult r = engine.enumerate(p, new EnumerationRequest(false, true, null));
            assertTrue(r.lanes() > 1);
            assertEquals(exact.get("total").doubleValue(), r.totalLoss(), TOLERANCE);
            for (LossHistogram.Group g : r.histogram().groups()) {
                int[] sorted = g.counts();
                Arrays.sort(sorted);
                double sum = exact.get(Arrays.toString(sorted)).doubleValue();
                assertEquals(sum / g.batches(), g.meanLoss(), TOLERANCE / g.batches(), g.label());
            }
        }
    }
}
