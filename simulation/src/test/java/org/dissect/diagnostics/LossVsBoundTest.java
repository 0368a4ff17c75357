package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.dissect.descent.Engines;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Enumeration;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SupervisedContrastive;
import org.dissect.theory.SupervisedContrastiveBound;
import org.junit.jupiter.api.Test;

/**
 * {@link LossVsBound}: the SC bound of every sampling against the brute-force mean of Definition 2's batch loss at the
 * regular simplex (every multiset, ordered tuple or subset listed here, each batch's loss from the theory module's
 * {@link SupervisedContrastive#batchLoss}); random features lie above it; the CE loss at the Theorem 1 / Corollary 1
 * equality case equals the bound, computed here with plain exp and log, and random configurations lie above it.
 */
class LossVsBoundTest {

    /** n points per class at the vertices of a ρ-sphere-inscribed regular simplex in R^h (h ≥ K-1), labels y = i mod K. */
    private static double[][] collapsed(int classes, int perClass, int dim, double rho, int[] labels) {
        double[][] zeta = RegularSimplex.regularSimplex(classes, dim, rho);
        double[][] z = new double[classes * perClass][];
        for (int i = 0; i < z.length; i++) {
            labels[i] = i % classes;
            z[i] = zeta[labels[i]].clone();
        }
        return z;
    }

    /** Every batch of size b under a sampling, as index lists: all multisets, all ordered tuples, or all subsets. */
    private static List<int[]> batches(int items, int batch, BatchSampling sampling) {
        List<int[]> out = new ArrayList<>();
        collect(items, batch, sampling, new int[batch], 0, 0, out);
        return out;
    }

    private static void collect(int items, int batch, BatchSampling sampling, int[] b, int pos, int from, List<int[]> out) {
        if (pos == batch) {
            out.add(b.clone());
            return;
        }
        int start = switch (sampling) {
            case MULTISET -> from;
            case WITH_REPLACEMENT -> 0;
            case WITHOUT_REPLACEMENT -> from;
        };
        for (int i = start; i < items; i++) {
            b[pos] = i;
            collect(items, batch, sampling, b, pos + 1, sampling == BatchSampling.WITHOUT_REPLACEMENT ? i + 1 : i, out);
        }
    }

    /** The mean of Definition 2's batch loss over every batch of the sampling, each batch equally likely. */
    private static double bruteMean(double[][] z, int[] labels, int batch, BatchSampling sampling) {
        double sum = 0;
        List<int[]> all = batches(z.length, batch, sampling);
        for (int[] b : all) {
            sum += SupervisedContrastive.batchLoss(z, labels, b);
        }
        return sum / all.size();
    }

    /**
     * At the regular simplex the mean batch loss under each sampling is the bound {@link LossVsBound#scBound} reports:
     * Theorem 2's mean bound for uniform multisets (attained there), the class-count sum for i.i.d. tuples and subsets.
     * Tolerance: both sides are sums of at most 6^4 logarithms of size at most 20, rounded independently; 1e-12
     * relative leaves room for a few hundred ulps.
     */
    @Property(tries = 40)
    void theBoundOfEverySamplingIsTheMeanAtTheSimplex(@ForAll @IntRange(min = 2, max = 3) int classes,
            @ForAll @IntRange(min = 1, max = 2) int perClass, @ForAll @IntRange(min = 2, max = 4) int batch,
            @ForAll @DoubleRange(min = 0.2, max = 3) double rho) {
        int[] labels = new int[classes * perClass];
        double[][] z = collapsed(classes, perClass, classes, rho, labels);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(classes, perClass, batch, rho * rho);
        for (BatchSampling s : BatchSampling.values()) {
            if (s == BatchSampling.WITHOUT_REPLACEMENT && batch > z.length) {
                continue;
            }
            double brute = bruteMean(z, labels, batch, s);
            double b = LossVsBound.scBound(bound, s);
            assertEquals(brute, b, 1e-12 * Math.max(1, brute), s + " K=" + classes + " n=" + perClass + " b=" + batch);
        }
    }

    /** The samplings' bounds differ (a bound that ignored the sampling would pass the test above only by luck). */
    @Test
    void theSamplingsHaveDifferentBounds() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(3, 4, 9, 1.0);
        double multiset = LossVsBound.scBound(bound, BatchSampling.MULTISET);
        double tuples = LossVsBound.scBound(bound, BatchSampling.WITH_REPLACEMENT);
        double subsets = LossVsBound.scBound(bound, BatchSampling.WITHOUT_REPLACEMENT);
        assertEquals(12.12015, multiset, 5e-6, "Fig. 6 of the paper: K=3, n=4, b=9, rho=1");
        assertTrue(Math.abs(multiset - tuples) > 1e-3 && Math.abs(tuples - subsets) > 1e-3, multiset + " " + tuples + " " + subsets);
    }

    /**
     * Theorem 2 for arbitrary features: the exact mean over all multisets of random points on the ρ-sphere is at
     * least the bound (up to 1e-12 relative rounding of both sums).
     */
    @Property(tries = 40)
    void randomFeaturesLieAboveTheBound(@ForAll @IntRange(min = 2, max = 3) int classes,
            @ForAll @IntRange(min = 1, max = 3) int perClass, @ForAll @IntRange(min = 2, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 4) int dim, @ForAll @DoubleRange(min = 0.2, max = 3) double rho,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] points = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int k = 0; k < dim; k++) {
                points[i][k] = random.nextGaussian();
            }
            points[i][0] += 1e-3;  // never the zero vector
        }
        double[] z = ScMeanBatchLoss.onSphere(points, rho);
        double bound = LossVsBound.scBound(new SupervisedContrastiveBound(classes, perClass, batch, rho * rho), BatchSampling.MULTISET);
        try (Enumeration engine = Engines.enumeration(Engine.JAVA, 1)) {
            double mean = ScMeanBatchLoss.exact(z, dim, labels, classes, batch, engine).mean();
            LossVsBound.Sc sc = new LossVsBound.Sc(ScMeanBatchLoss.exact(z, dim, labels, classes, batch, engine),
                java.util.OptionalDouble.of(bound));
            assertTrue(mean >= bound - 1e-12 * Math.max(1, bound), mean + " < " + bound);
            assertEquals(mean - bound, sc.gap().getAsDouble(), 0);
        }
    }

    /** CE by Definition 1 with plain exp and log (no log-sum-exp): fine for the moderate logits used here. */
    private static double plainCrossEntropy(double[][] z, double[][] w, int[] labels) {
        double sum = 0;
        for (int n = 0; n < z.length; n++) {
            double denominator = 0;
            double own = 0;
            for (int l = 0; l < w.length; l++) {
                double logit = 0;
                for (int k = 0; k < z[n].length; k++) {
                    logit += z[n][k] * w[l][k];
                }
                denominator += Math.exp(logit);
                own = l == labels[n] ? logit : own;
            }
            sum += Math.log(denominator) - own;
        }
        return sum / z.length;
    }

    /**
     * The equality case of Theorem 1 and Corollary 1: (C1), (C2) and {@code w_y = (r/ρ)·ζ_y} give a loss equal to both
     * bounds at the observed norms (ρ = the common feature norm, ‖W‖_F = √K·r, max ‖w_y‖ = r). The loss is checked
     * against the plain Definition 1 (to a few ulps of the largest logit, where the plain form cancels), the bounds
     * against the loss to 1e-12 relative.
     */
    @Property(tries = 60)
    void collapsedFeaturesWithWeightsAtTheVerticesAttainTheCeBounds(@ForAll @IntRange(min = 2, max = 6) int classes,
            @ForAll @IntRange(min = 1, max = 3) int perClass, @ForAll @DoubleRange(min = 0.1, max = 3) double rho,
            @ForAll @DoubleRange(min = 0.1, max = 4) double weightNorm) {
        int[] labels = new int[classes * perClass];
        double[][] z = collapsed(classes, perClass, classes, rho, labels);
        double[][] w = RegularSimplex.regularSimplex(classes, classes, weightNorm);
        LossVsBound.Ce ce = LossVsBound.crossEntropy(z, labels, w, Double.NaN);
        double plain = plainCrossEntropy(z, w, labels);
        // log(Σ exp) - own cancels when the loss is tiny: the plain form is good to a few ulps of the largest logit
        assertEquals(plain, ce.loss(), 1e-12 * plain + 64 * Math.ulp(1 + rho * weightNorm));
        assertEquals(rho, ce.featureRadius(), 1e-14 * rho);
        assertEquals(Math.sqrt(classes) * weightNorm, ce.weightNorm(), 1e-13 * weightNorm);
        assertEquals(weightNorm, ce.maxWeightNorm(), 1e-14 * weightNorm);
        // the loss (log-sum-exp) and the bounds (log1p) both keep full relative precision
        double loss = ce.loss();
        assertEquals(loss, ce.bound().getAsDouble(), 1e-12 * loss, "Theorem 1 is attained");
        assertEquals(loss, ce.corollary1().getAsDouble(), 1e-12 * loss, "Corollary 1 is attained");
        assertEquals(0, ce.gap().getAsDouble(), 1e-12 * loss);
        assertTrue(ce.regularizedLoss().isEmpty() && ce.regularizedBound().isEmpty() && ce.regularizedGap().isEmpty());
    }

    /** Any configuration lies above Theorem 1 at its own norms, and Corollary 1 never above Theorem 1; so does Corollary 2. */
    @Property(tries = 100)
    void randomConfigurationsLieAboveTheCeBounds(@ForAll @IntRange(min = 2, max = 5) int classes,
            @ForAll @IntRange(min = 1, max = 4) int perClass, @ForAll @IntRange(min = 1, max = 5) int dim,
            @ForAll @DoubleRange(min = 0.01, max = 3) double scale, @ForAll @DoubleRange(min = 1e-3, max = 1) @net.jqwik.api.constraints.Scale(6) double lambda,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] z = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int k = 0; k < dim; k++) {
                z[i][k] = scale * random.nextGaussian();
            }
        }
        double[][] w = new double[classes][dim];
        for (double[] row : w) {
            for (int k = 0; k < dim; k++) {
                row[k] = scale * random.nextGaussian();
            }
        }
        LossVsBound.Ce ce = LossVsBound.crossEntropy(z, labels, w, lambda);
        double slack = 1e-12 * Math.max(1, ce.loss());
        assertTrue(ce.loss() >= ce.bound().getAsDouble() - slack, ce.loss() + " < " + ce.bound());
        assertTrue(ce.corollary1().getAsDouble() <= ce.bound().getAsDouble() + slack);
        double penalty = 0;
        for (double[] row : w) {
            for (double v : row) {
                penalty += v * v;
            }
        }
        assertEquals(ce.loss() + lambda * penalty, ce.regularizedLoss().getAsDouble(), 1e-12 * (ce.loss() + lambda * penalty));
        assertEquals(CrossEntropyBounds.corollary2(classes, ce.featureRadius(), lambda).bound(), ce.regularizedBound().getAsDouble(), 0);
        assertTrue(ce.regularizedGap().getAsDouble() >= -1e-12 * Math.max(1, ce.regularizedLoss().getAsDouble()));
    }

    /** The theorems assume balanced labels: for unbalanced ones there is no bound, and the loss is still reported. */
    @Test
    void unbalancedLabelsHaveNoBound() {
        double[][] z = {{1, 0}, {1, 0}, {-1, 0}};
        int[] labels = {0, 0, 1};
        assertTrue(LossVsBound.perClass(labels, 2).isEmpty());
        assertEquals(2, LossVsBound.perClass(new int[] {0, 1, 1, 0}, 2).getAsInt());
        assertTrue(LossVsBound.perClass(new int[] {0, 0}, 2).isEmpty(), "an empty class");
        LossVsBound.Ce ce = LossVsBound.crossEntropy(z, labels, new double[][] {{1, 0}, {-1, 0}}, 0.1);
        assertEquals(plainCrossEntropy(z, new double[][] {{1, 0}, {-1, 0}}, labels), ce.loss(), 1e-15);
        assertTrue(ce.bound().isEmpty() && ce.corollary1().isEmpty() && ce.gap().isEmpty() && ce.regularizedBound().isEmpty());
        assertFalse(ce.regularizedLoss().isEmpty());
    }

    /** Zero features: every logit is 0, the loss is log K, and so are both bounds (margin 0). */
    @Test
    void zeroFeaturesGiveLogK() {
        double[][] z = {{0, 0}, {0, 0}, {0, 0}};
        LossVsBound.Ce ce = LossVsBound.crossEntropy(z, new int[] {0, 1, 2}, RegularSimplex.regularSimplex(3, 2, 1.0), Double.NaN);
        assertEquals(Math.log(3), ce.loss(), 1e-15);
        assertEquals(Math.log(3), ce.bound().getAsDouble(), 1e-15);
        assertEquals(Math.log(3), ce.corollary1().getAsDouble(), 1e-15);
    }
}
