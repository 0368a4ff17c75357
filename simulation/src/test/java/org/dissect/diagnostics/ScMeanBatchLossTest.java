package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.dissect.descent.Engines;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.MultisetRanking;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SupervisedContrastive;
import org.dissect.theory.SupervisedContrastiveBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ScMeanBatchLoss} against brute force: every multiset (or ordered tuple, or subset) listed by hand, each batch's
 * loss from the theory module's Definition 2 ({@link SupervisedContrastive#batchLoss}), and the Theorem 2 bound at the
 * regular simplex, where it is attained.
 */
class ScMeanBatchLossTest {

    /** The exact mean equals the brute-force mean over all C(N+b-1, b) multisets to a few ulps of the sum. */
    @Property(tries = 40)
    void exactIsTheMeanOverEveryMultiset(@ForAll @IntRange(min = 2, max = 3) int classes,
            @ForAll @IntRange(min = 0, max = 4) int extra, @ForAll @IntRange(min = 2, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 3) int dim, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Problem p = Problem.random(classes, classes + extra, dim, seed);
        try (Enumeration engine = Engines.enumeration(Engine.JAVA, 1)) {
            ScMeanBatchLoss.Estimate e = ScMeanBatchLoss.exact(p.z, dim, p.labels, classes, batch, engine);
            double brute = bruteMultisetMean(p, batch);
            // Both are sums of |𝔅| ≤ 330 terms of size ≤ 20 (each a difference of logs, so a term that is 0 in exact
            // arithmetic comes out as a few ulps of its parts): 1e-12 relative to max(1, |mean|) leaves ample slack.
            assertEquals(brute, e.mean(), 1e-12 * Math.max(1, Math.abs(brute)));
            assertEquals(0, e.standardError());
            assertEquals(MultisetRanking.exactCount(p.labels.length, batch), e.batches());
            assertTrue(e.exact());
        }
    }

    /** Every sampling's estimate lies within 4.5 standard errors of its exact expectation, listed by brute force. */
    @ParameterizedTest
    @EnumSource(BatchSampling.class)
    void sampledEstimatesTheExpectationOfItsSampling(BatchSampling sampling) {
        Problem p = Problem.random(2, 5, 2, 7);
        int batch = 3;
        double expected = switch (sampling) {
            case MULTISET -> bruteMultisetMean(p, batch);
            case WITH_REPLACEMENT -> bruteOrderedMean(p, batch);
            case WITHOUT_REPLACEMENT -> bruteSubsetMean(p, batch);
        };
        try (ScBatchGradient engine = Engines.scBatch(Engine.JAVA, 1, batch, 2)) {
            ScMeanBatchLoss.Estimate e = ScMeanBatchLoss.sampled(p.z, 2, p.labels, batch, sampling, 40_000, 3, engine);
            assertFalse(e.exact());
            assertEquals(40_000, e.batches());
            assertTrue(e.standardError() > 0);
            // A fixed seed: the estimate is one draw of a near-normal mean; 4.5 SE would be exceeded with p ≈ 7e-6.
            assertEquals(expected, e.mean(), 4.5 * e.standardError(), sampling + ": se " + e.standardError());
        }
    }

    /** The samplings differ: a sampler that ignored its kind would give the same mean for all three. */
    @Test
    void theThreeSamplingsHaveDifferentExpectations() {
        Problem p = Problem.random(2, 5, 2, 7);
        double multiset = bruteMultisetMean(p, 3);
        double ordered = bruteOrderedMean(p, 3);
        double subset = bruteSubsetMean(p, 3);
        assertTrue(Math.abs(multiset - ordered) > 1e-3 && Math.abs(ordered - subset) > 1e-3
            && Math.abs(multiset - subset) > 1e-3, multiset + " " + ordered + " " + subset);
    }

    /** Theorem 2: classes collapsed onto a regular simplex attain the mean bound. */
    @Property(tries = 12)
    void theRegularSimplexAttainsTheTheorem2Bound(@ForAll @IntRange(min = 2, max = 3) int classes,
            @ForAll @IntRange(min = 1, max = 3) int perClass, @ForAll @IntRange(min = 2, max = 4) int batch) {
        double rho = 1.5;
        int dim = classes;
        double[][] zeta = RegularSimplex.regularSimplex(classes, dim, rho);
        int n = classes * perClass;
        double[][] points = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            points[i] = zeta[labels[i]];
        }
        double[] z = ScMeanBatchLoss.onSphere(points, rho);
        double bound = new SupervisedContrastiveBound(classes, perClass, batch, rho * rho).meanBound();
        try (Enumeration engine = Engines.enumeration(Engine.JAVA, 1)) {
            double mean = ScMeanBatchLoss.exact(z, dim, labels, classes, batch, engine).mean();
            assertEquals(bound, mean, 1e-12 * bound);
        }
    }

    @Test
    void ofEnumeratesSmallSpacesAndSamplesLargeOnes() {
        Problem p = Problem.random(2, 6, 2, 11);
        try (Enumeration en = Engines.enumeration(Engine.JAVA, 1); ScBatchGradient sc = Engines.scBatch(Engine.JAVA, 1, 3, 2)) {
            ScMeanBatchLoss.Estimate small = ScMeanBatchLoss.of(p.z, 2, p.labels, 2, 3, BatchSampling.MULTISET, 100, 1,
                ScMeanBatchLoss.DEFAULT_EXACT_LIMIT, en, sc);
            assertTrue(small.exact());
            assertEquals(bruteMultisetMean(p, 3), small.mean(), 1e-12 * small.mean());
            ScMeanBatchLoss.Estimate limited = ScMeanBatchLoss.of(p.z, 2, p.labels, 2, 3, BatchSampling.MULTISET, 100, 1,
                MultisetRanking.exactCount(6, 3) - 1, en, sc);
            assertFalse(limited.exact());
            ScMeanBatchLoss.Estimate loader = ScMeanBatchLoss.of(p.z, 2, p.labels, 2, 3, BatchSampling.WITH_REPLACEMENT, 100,
                1, ScMeanBatchLoss.DEFAULT_EXACT_LIMIT, en, sc);
            assertFalse(loader.exact(), "only the uniform multiset mean is enumerated");
            double[] far = p.z.clone();
            Points.projectToSphere(far, 2, 20);  // 2ρ² = 800 > MAX_ROW_SPAN: not representable by the enumeration
            assertFalse(ScMeanBatchLoss.of(far, 2, p.labels, 2, 3, BatchSampling.MULTISET, 100, 1,
                ScMeanBatchLoss.DEFAULT_EXACT_LIMIT, en, sc).exact());
        }
    }

    @Test
    void sampledIsReproducibleFromItsSeed() {
        Problem p = Problem.random(3, 9, 3, 5);
        try (ScBatchGradient sc = Engines.scBatch(Engine.JAVA, 1, 4, 3)) {
            ScMeanBatchLoss.Estimate a = ScMeanBatchLoss.sampled(p.z, 3, p.labels, 4, BatchSampling.MULTISET, 500, 9, sc);
            ScMeanBatchLoss.Estimate b = ScMeanBatchLoss.sampled(p.z, 3, p.labels, 4, BatchSampling.MULTISET, 500, 9, sc);
            ScMeanBatchLoss.Estimate c = ScMeanBatchLoss.sampled(p.z, 3, p.labels, 4, BatchSampling.MULTISET, 500, 10, sc);
            assertEquals(a, b);
            assertTrue(a.mean() != c.mean());
        }
    }

    /** Projection is scale-free over the whole double range: c·x lands where x does, to a few ulps. */
    @Property(tries = 60)
    void onSphereIgnoresScaleAndKeepsDirection(@ForAll @IntRange(min = -300, max = 300) int exponent,
            @ForAll @LongRange(min = 0, max = 1000) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[4][3];
        double[][] scaled = new double[4][3];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = rng.nextDouble(-1, 1);
                scaled[i][k] = x[i][k] * Math.pow(10, exponent);
            }
        }
        double[] a = ScMeanBatchLoss.onSphere(x, 2.5);
        double[] b = ScMeanBatchLoss.onSphere(scaled, 2.5);
        assertArrayEquals(a, b, 1e-14);
        for (int i = 0; i < 4; i++) {
            double norm = Math.sqrt(a[3 * i] * a[3 * i] + a[3 * i + 1] * a[3 * i + 1] + a[3 * i + 2] * a[3 * i + 2]);
            assertEquals(2.5, norm, 1e-14);
            double cos = (a[3 * i] * x[i][0] + a[3 * i + 1] * x[i][1] + a[3 * i + 2] * x[i][2])
                / (2.5 * Math.sqrt(x[i][0] * x[i][0] + x[i][1] * x[i][1] + x[i][2] * x[i][2]));
            assertEquals(1, cos, 1e-14);
        }
    }

    @Test
    void onSphereRefusesAZeroFeature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ScMeanBatchLoss.onSphere(new double[][] {{1, 0}, {0, 0}}, 1));
        assertTrue(e.getMessage().contains("feature 1"), e.getMessage());
    }

    /** N points on the unit sphere with labels covering every class. */
    private record Problem(double[] z, int[] labels, int dim) {
        static Problem random(int classes, int n, int dim, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] x = new double[n][dim];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i < classes ? i : rng.nextInt(classes);
                for (int k = 0; k < dim; k++) {
                    x[i][k] = rng.nextDouble(-1, 1) + (k == 0 ? 0.1 : 0);
                }
            }
            return new Problem(ScMeanBatchLoss.onSphere(x, 1.3), labels, dim);
        }

        double loss(int[] batch) {
            return SupervisedContrastive.batchLoss(Points.rows(z, dim), labels, batch);
        }
    }

    private static double bruteMultisetMean(Problem p, int batch) {
        MultisetRanking r = new MultisetRanking(p.labels.length, batch);
        double s = 0;
        for (long rank = 0; rank < r.count(); rank++) {
            s += p.loss(r.unrank(rank));
        }
        return s / r.count();
    }

    private static double bruteOrderedMean(Problem p, int batch) {
        int n = p.labels.length;
        int total = (int) Math.pow(n, batch);
        double s = 0;
        int[] b = new int[batch];
        for (int code = 0; code < total; code++) {
            for (int j = 0, c = code; j < batch; j++, c /= n) {
                b[j] = c % n;
            }
            s += p.loss(b);
        }
        return s / total;
    }

    private static double bruteSubsetMean(Problem p, int batch) {
        int n = p.labels.length;
        double s = 0;
        int count = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != batch) {
                continue;
            }
            int[] b = new int[batch];
            for (int i = 0, j = 0; i < n; i++) {
                if ((mask >> i & 1) != 0) {
                    b[j++] = i;
                }
            }
            s += p.loss(b);
            count++;
        }
        return s / count;
    }
}
