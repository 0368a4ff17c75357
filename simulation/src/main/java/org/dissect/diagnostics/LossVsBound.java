package org.dissect.diagnostics;

import java.util.OptionalDouble;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.Checks;
import org.dissect.theory.CrossEntropy;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import org.dissect.theory.SupervisedContrastiveBound;
import org.dissect.theory.Vectors;

/**
 * The comparison of Section 5.2 for any features: an encoder's empirical loss next to the bound the paper proves
 * for it, and the gap. The bounds assume balanced labels ({@code n = N/K} points in every class); for unbalanced
 * labels there is no bound, and the methods here return an empty value rather than a number that does not apply.
 *
 * <p><b>SC.</b> The empirical side is {@link ScMeanBatchLoss} (features projected on the ρ-sphere). The bound is
 * Theorem 2's mean bound {@code L_SC/|𝔅|} at the data's K, n, b and ρ² when batches are uniform multisets
 * (Definition 2); for the data loaders' samplings (i.i.d. with replacement, a shuffled loader without replacement)
 * it is the same sum {@code K·Σ_c P(c)·level(c)} with the class-count distribution {@code P(c)} of that sampling
 * ({@link BatchSampling#classCountDistribution}): the mean batch loss at the regular simplex under that sampling,
 * the floor {@code dissect bound supcon} reports in Definition 2's units. Theorem 2 proves it a lower bound for
 * uniform multisets; for the other two it is the value the bound's minimiser takes.
 *
 * <p><b>CE.</b> Definition 1's mean loss of the features as given (no projection: CE features live in a ball),
 * against Theorem 1 at the observed norms: {@code ρ = max_n ‖z_n‖} (the smallest radius the theorem's
 * {@code ‖z_n‖ ≤ ρ} admits) and {@code ‖W‖_F}; Corollary 1 at {@code r_W = max_y ‖w_y‖} (never above Theorem 1,
 * since {@code √K·max_y ‖w_y‖ ≥ ‖W‖_F}); with λ, Corollary 2 on {@code L_CE + λ‖W‖_F²}.
 */
public final class LossVsBound {
    private LossVsBound() {
    }

    /**
     * The SC side: the empirical mean batch loss and its bound.
     *
     * @param loss the empirical mean batch loss ({@link ScMeanBatchLoss})
     * @param bound the bound on it ({@link #scBound}); empty for unbalanced labels
     */
    public record Sc(ScMeanBatchLoss.Estimate loss, OptionalDouble bound) {
        /** @return {@code loss - bound}; empty without a bound */
        public OptionalDouble gap() {
            return bound.isPresent() ? OptionalDouble.of(loss.mean() - bound.getAsDouble()) : OptionalDouble.empty();
        }
    }

    /**
     * The CE side.
     *
     * @param loss Definition 1, {@code L_CE(Z, W; Y)}
     * @param featureRadius {@code ρ = max_n ‖z_n‖}, the radius the bounds are evaluated at
     * @param weightNorm {@code ‖W‖_F}
     * @param maxWeightNorm {@code max_y ‖w_y‖}, the {@code r_W} of Corollary 1
     * @param bound Theorem 1 at {@code (ρ, ‖W‖_F)}; empty for unbalanced labels
     * @param corollary1 Corollary 1 at {@code (ρ, max_y ‖w_y‖)}; empty for unbalanced labels
     * @param regularizedLoss {@code L_CE + λ‖W‖_F²}; empty without λ
     * @param regularizedBound Corollary 2 at {@code (ρ, λ)}; empty without λ or for unbalanced labels
     */
    public record Ce(double loss, double featureRadius, double weightNorm, double maxWeightNorm, OptionalDouble bound,
                     OptionalDouble corollary1, OptionalDouble regularizedLoss, OptionalDouble regularizedBound) {
        /** @return {@code loss - bound} (Theorem 1); empty without a bound */
        public OptionalDouble gap() {
            return bound.isPresent() ? OptionalDouble.of(loss - bound.getAsDouble()) : OptionalDouble.empty();
        }

        /** @return {@code regularizedLoss - regularizedBound} (Corollary 2); empty without both */
        public OptionalDouble regularizedGap() {
            return regularizedLoss.isPresent() && regularizedBound.isPresent()
                ? OptionalDouble.of(regularizedLoss.getAsDouble() - regularizedBound.getAsDouble()) : OptionalDouble.empty();
        }
    }

    /**
     * The common class size n, if the labels are balanced.
     *
     * @param labels labels in {@code 0..K-1} (not modified)
     * @param classes K
     * @return n, or empty if two classes differ in size or a class is empty
     */
    public static java.util.OptionalInt perClass(int[] labels, int classes) {
        int[] counts = Checks.classCounts(labels, classes);
        for (int c : counts) {
            if (c != counts[0] || c == 0) {
                return java.util.OptionalInt.empty();
            }
        }
        return java.util.OptionalInt.of(counts[0]);
    }

    /**
     * The bound on the mean SC batch loss for balanced labels: Theorem 2's mean bound ({@link
     * SupervisedContrastiveBound#meanBound()}) for {@link BatchSampling#MULTISET}, otherwise
     * {@code K·Σ_{c=0..b} P(c)·level(c)} with {@code level(c) = c·log(c - 1 + (b - c)·exp(-Kρ²/(K-1)))}
     * ({@link SupervisedContrastiveBound#classLevel}) and {@code P} the sampling's class-count distribution. O(b).
     *
     * @param bound Theorem 2 at the data's K, n, b, ρ²
     * @param sampling how batches are drawn (without replacement: b ≤ N)
     * @return the bound
     */
    public static double scBound(SupervisedContrastiveBound bound, BatchSampling sampling) {
        if (sampling == BatchSampling.MULTISET) {
            return bound.meanBound();
        }
        double[] p = sampling.classCountDistribution(bound.classes(), bound.size(), bound.batch());
        double sum = 0;
        for (int c = 2; c < p.length; c++) {
            sum += p[c] * bound.classLevel(c);
        }
        return bound.classes() * sum;
    }

    /**
     * The CE comparison of features and classifier weights.
     *
     * @param points N features as rows, finite (not modified)
     * @param labels N labels in {@code 0..K-1} (not modified)
     * @param weights K×h weights, finite (not modified)
     * @param lambda the L2 penalty λ of Corollary 2, or NaN for none
     * @return the losses and bounds
     * @throws IllegalArgumentException on inconsistent shapes or labels
     */
    public static Ce crossEntropy(double[][] points, int[] labels, double[][] weights, double lambda) {
        int classes = weights.length;
        double loss = CrossEntropy.loss(points, weights, labels);
        double radius = 0;
        for (double[] z : points) {
            radius = Math.max(radius, Vectors.norm(z));
        }
        double frobenius = Math.sqrt(Vectors.frobeniusSquared(weights));
        double maxNorm = 0;
        for (double[] w : weights) {
            maxNorm = Math.max(maxNorm, Vectors.norm(w));
        }
        boolean balanced = perClass(labels, classes).isPresent();
        OptionalDouble theorem1 = OptionalDouble.empty();
        OptionalDouble corollary1 = OptionalDouble.empty();
        OptionalDouble regularizedBound = OptionalDouble.empty();
        if (balanced) {
            // ρ = 0 (every feature zero): every logit is 0 and both bounds are their margin-0 value log K
            theorem1 = OptionalDouble.of(radius == 0 ? Math.log(classes) : CrossEntropyBounds.theorem1(classes, radius, frobenius));
            corollary1 = OptionalDouble.of(radius == 0 || maxNorm == 0 ? Math.log(classes)
                : CrossEntropyBounds.corollary1(classes, radius, maxNorm));
            if (!Double.isNaN(lambda) && radius > 0) {
                PenalizedBound b = CrossEntropyBounds.corollary2(classes, radius, lambda);
                regularizedBound = OptionalDouble.of(b.bound());
            }
        }
        OptionalDouble regularizedLoss = Double.isNaN(lambda) ? OptionalDouble.empty()
            : OptionalDouble.of(CrossEntropy.regularizedLoss(points, weights, labels, lambda));
        return new Ce(loss, radius, frobenius, maxNorm, theorem1, corollary1, regularizedLoss, regularizedBound);
    }
}
