package org.dissect.diagnostics;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.descent.MultisetSampler;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScSimulation;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;
import org.dissect.enumeration.MultisetRanking;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.Checks;

/**
 * The empirical SC loss of fixed features that Theorem 2 bounds: the mean of Definition 2's batch loss
 * {@code ℓ_SC(Z; Y, B)} over batches B of size b,
 *
 * <pre>
 *   L̄ = E_B ℓ_SC(Z; Y, B),   exactly  L̄ = (1/|𝔅|) Σ_{B ∈ 𝔅} ℓ_SC(Z; Y, B)  for B uniform over the C(N+b-1, b) multisets,
 * </pre>
 *
 * the quantity whose minimum over the ρ-sphere is the Theorem 2 mean bound. {@link #exact} sums over every multiset
 * (the enumeration engine; standard error 0); {@link #sampled} averages {@code m} batches drawn independently per a
 * {@link BatchSampling} and reports the standard error {@code s/√m} of the mean (s the sample standard deviation of
 * the batch losses, Welford's update). Only the uniform multiset draw estimates {@code L̄} itself; the other two
 * estimate the mean under a data loader's sampling (as {@code bound supcon} does for its floor).
 *
 * <p>SC training projects features onto the sphere of radius ρ ({@code ρ² = 1/τ}); {@link #onSphere} does the same
 * to a user's features before either estimate.
 */
public final class ScMeanBatchLoss {
    /** Below this many multisets {@link #of} enumerates all of them (about a second of Java at small b). */
    public static final long DEFAULT_EXACT_LIMIT = 2_000_000;

    /**
     * The mean batch loss and how it was obtained.
     *
     * @param mean the mean batch loss (exact or estimated)
     * @param standardError the standard error of an estimated mean; 0 when exact
     * @param batches the batches averaged: {@code |𝔅|} when exact, else the number drawn
     * @param exact whether every multiset was summed
     * @param engine where the batch losses ran
     */
    public record Estimate(double mean, double standardError, long batches, boolean exact, RanOn engine) {
    }

    private ScMeanBatchLoss() {
    }

    /**
     * Rescales every feature to norm ρ, as SC training's projection does: {@code z_i ← ρ z_i / ‖z_i‖}. The norm is
     * computed on the feature divided by its largest coordinate, so no finite input overflows or underflows.
     *
     * @param features N rows of one length h ≥ 1, finite (not modified)
     * @param rho the radius, finite and positive
     * @return the projected features, N·h row-major
     * @throws IllegalArgumentException if a feature is zero (it has no direction), not finite, or a shape is wrong
     */
    public static double[] onSphere(double[][] features, double rho) {
        Checks.positive("radius rho", rho);
        Checks.atLeast("number of features N", features.length, 1);
        int dim = features[0].length;
        Checks.atLeast("dimension h", dim, 1);
        Checks.sameDimension("feature", features, dim);
        double[] z = new double[Math.multiplyExact(features.length, dim)];
        for (int i = 0; i < features.length; i++) {
            double largest = 0;
            for (double v : features[i]) {
                Checks.finite("coordinate of feature " + i, v);
                largest = Math.max(largest, Math.abs(v));
            }
            if (largest == 0) {
                throw new IllegalArgumentException("feature " + i + " is zero: it cannot be projected on the sphere");
            }
            double s = 0;
            for (double v : features[i]) {
                s += (v / largest) * (v / largest);
            }
            double scale = rho / Math.sqrt(s);  // ρ/‖z/largest‖, then (z/largest)·scale: never leaves the double range
            for (int k = 0; k < dim; k++) {
                z[i * dim + k] = features[i][k] / largest * scale;
            }
        }
        return z;
    }

    /**
     * The exact mean over all {@code |𝔅|} multisets when the uniform multiset draw is asked for, there are at most
     * {@code exactLimit} of them and the enumeration represents the problem ({@code 2ρ² ≤ } {@link
     * EnumerationProblem#MAX_ROW_SPAN}); otherwise {@code samples} drawn batches.
     *
     * @param z N·h features, already on the ρ-sphere when the bound is to apply (see {@link #onSphere})
     * @param dim h
     * @param labels N labels in {@code 0..classes-1}
     * @param classes K
     * @param batch b ≥ 2
     * @param sampling how batches are drawn
     * @param samples m ≥ 2, the batches drawn when not exact
     * @param seed the seed of the draws
     * @param exactLimit the most multisets enumerated
     * @param enumeration the exact engine (not closed here)
     * @param batchLoss the per-batch engine (not closed here)
     * @return the mean and how it was obtained
     */
    public static Estimate of(double[] z, int dim, int[] labels, int classes, int batch, BatchSampling sampling,
            int samples, long seed, long exactLimit, Enumeration enumeration, ScBatchGradient batchLoss) {
        if (exactApplies(z, dim, batch, sampling, exactLimit)) {
            return exact(z, dim, labels, classes, batch, enumeration);
        }
        return sampled(z, dim, labels, batch, sampling, samples, seed, batchLoss);
    }

    /**
     * Whether {@link #of} enumerates: the uniform multiset draw is asked for, there are at most {@code exactLimit}
     * multisets and the enumeration represents the problem ({@code 2 max‖z‖² ≤ } {@link EnumerationProblem#MAX_ROW_SPAN}).
     * A caller that opens engines on demand asks this first and opens only the one it needs.
     *
     * @param z N·h features
     * @param dim h
     * @param batch b
     * @param sampling how batches are drawn
     * @param exactLimit the most multisets enumerated
     * @return true when the exact mean is computed
     */
    public static boolean exactApplies(double[] z, int dim, int batch, BatchSampling sampling, long exactLimit) {
        long count = MultisetRanking.exactCount(z.length / dim, batch);
        return sampling == BatchSampling.MULTISET && count >= 0 && count <= exactLimit
            && 2 * maxSquaredNorm(z, dim) <= EnumerationProblem.MAX_ROW_SPAN;
    }

    /**
     * {@code (1/|𝔅|) Σ_{B ∈ 𝔅} ℓ_SC(Z; Y, B)} by enumerating every multiset.
     *
     * @param z N·h features
     * @param dim h
     * @param labels N labels
     * @param classes K
     * @param batch b ≥ 2
     * @param engine the enumeration engine (not closed here)
     * @return the exact mean, standard error 0, {@code batches = |𝔅|}
     * @throws IllegalArgumentException as {@link EnumerationProblem}'s constructor (a space beyond 2^63 - 1, the heap)
     */
    public static Estimate exact(double[] z, int dim, int[] labels, int classes, int batch, Enumeration engine) {
        EnumerationResult r = engine.enumerate(new EnumerationProblem(Points.rows(z, dim), labels, classes, batch),
            EnumerationRequest.loss());
        return new Estimate(r.meanLoss(), 0, r.batchCount(), true, r.engine());
    }

    /**
     * The mean of {@code samples} batch losses, batches drawn independently per {@code sampling} from a stream seeded
     * with {@code seed}, with the standard error {@code s/√m}.
     *
     * @param z N·h features
     * @param dim h
     * @param labels N labels
     * @param batch b ≥ 2 (at most N without replacement)
     * @param sampling how a batch is drawn
     * @param samples m ≥ 2
     * @param seed the seed
     * @param engine the per-batch engine (not closed here)
     * @return the estimate
     */
    public static Estimate sampled(double[] z, int dim, int[] labels, int batch, BatchSampling sampling, int samples,
            long seed, ScBatchGradient engine) {
        Checks.atLeast("batch size b", batch, 2);
        Checks.atLeast("sampled batches", samples, 2);
        if (z.length != (long) labels.length * dim) {
            throw new IllegalArgumentException("need N·h = " + labels.length + "·" + dim + " coordinates, got " + z.length);
        }
        if (sampling == BatchSampling.WITHOUT_REPLACEMENT) {
            Checks.atLeast("number of features N (a batch without replacement)", labels.length, batch);
        }
        UniformRandomProvider rng = ScSimulation.stream(seed);
        Draw draw = draw(sampling, labels.length, batch, rng);
        int[] b = new int[batch];
        double mean = 0;
        double m2 = 0;
        for (int t = 1; t <= samples; t++) {
            double loss = engine.lossAndGradient(z, dim, labels, draw.next(b), null);
            double delta = loss - mean;
            mean += delta / t;
            m2 += delta * (loss - mean);
        }
        double variance = m2 / (samples - 1);
        return new Estimate(mean, Math.sqrt(variance / samples), samples, false, engine.engine());
    }

    /** One batch drawn into the given array. */
    @FunctionalInterface
    private interface Draw {
        int[] next(int[] batch);
    }

    private static Draw draw(BatchSampling sampling, int items, int batch, UniformRandomProvider rng) {
        return switch (sampling) {
            case MULTISET -> new MultisetSampler(items, batch, rng)::next;
            case WITH_REPLACEMENT -> b -> {
                for (int j = 0; j < b.length; j++) {
                    b[j] = rng.nextInt(items);
                }
                Arrays.sort(b);
                return b;
            };
            case WITHOUT_REPLACEMENT -> b -> MultisetSampler.distinct(items, b, rng);
        };
    }

    private static double maxSquaredNorm(double[] z, int dim) {
        double max = 0;
        for (int off = 0; off < z.length; off += dim) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += z[off + k] * z[off + k];
            }
            max = Math.max(max, s);
        }
        return max;
    }
}
