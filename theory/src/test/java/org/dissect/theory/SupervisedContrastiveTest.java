package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class SupervisedContrastiveTest {

    /**
     * Definition 2 written literally on the multiset: B is a map index → multiplicity; the anchors are
     * the distinct indices i, each counted {@code mult(i)} times; {@code B \ {{i}}} is the map with
     * {@code mult(i)} lowered by one; {@code B_{y_i}} holds the indices of i's label with their
     * multiplicities; sums over a multiset weight each index by its multiplicity; an anchor with
     * {@code |B_{y_i}| = 1} contributes 0. Logs of ratios as {@code s_ij - log Σ_k mult'(k)·exp(s_ik)},
     * the log-sum with its own max shift so any norm is fine.
     */
    static double definition2(double[][] z, int[] labels, int[] batch) {
        Map<Integer, Integer> mult = new LinkedHashMap<>();
        for (int i : batch) {
            mult.merge(i, 1, Integer::sum);
        }
        double total = 0;
        for (Map.Entry<Integer, Integer> anchor : mult.entrySet()) {
            int i = anchor.getKey();
            Map<Integer, Integer> rest = new LinkedHashMap<>(mult);
            rest.merge(i, -1, Integer::sum);
            rest.values().removeIf(c -> c == 0);
            int sameLabel = 0;
            for (Map.Entry<Integer, Integer> e : mult.entrySet()) {
                if (labels[e.getKey()] == labels[i]) {
                    sameLabel += e.getValue();
                }
            }
            if (sameLabel == 1) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k : rest.keySet()) {
                max = Math.max(max, Reference.dot(z[i], z[k]));
            }
            double sum = 0;
            for (Map.Entry<Integer, Integer> e : rest.entrySet()) {
                sum += e.getValue() * Math.exp(Reference.dot(z[i], z[e.getKey()]) - max);
            }
            double logDenominator = max + Math.log(sum);
            double inner = 0;
            for (Map.Entry<Integer, Integer> e : rest.entrySet()) {
                int j = e.getKey();
                if (labels[j] == labels[i]) {
                    inner += e.getValue() * (Reference.dot(z[i], z[j]) - logDenominator);
                }
            }
            total += anchor.getValue() * (-inner / (sameLabel - 1));
        }
        return total;
    }

    /**
     * batchLoss equals the literal Definition 2 on random configurations of any norms (each point its
     * own radius in [0.05, 4]), unbalanced random labels and batches drawn with replacement (so indices
     * repeat). Tolerance {@code 1e-12·(|ℓ| + 20·b)}: both sides round logits of size up to 16 (radius ≤ 4)
     * and each of the b anchor terms is a log-sum-exp minus a mean of such logits, so each carries an
     * absolute error of a few ulps of 16 (~1e-14), far inside 20e-12 per anchor; the relative part covers
     * the final sums.
     */
    @Property(tries = 300)
    void batchLossEqualsALiteralMultisetImplementationOfDefinition2(
            @ForAll @IntRange(min = 1, max = 12) int batchSize, @ForAll @IntRange(min = 1, max = 8) int points,
            @ForAll @IntRange(min = 1, max = 4) int classes, @ForAll @IntRange(min = 1, max = 5) int dim,
            @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] z = Reference.sphere(rng, points, dim, 1.0);
        for (int i = 0; i < points; i++) {
            z[i] = Reference.scale(z[i], Reference.logUniform(rng, 0.05, 4));
        }
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            labels[i] = rng.nextInt(classes);
        }
        int[] batch = new int[batchSize];
        for (int p = 0; p < batchSize; p++) {
            batch[p] = rng.nextInt(points);
        }
        double expected = definition2(z, labels, batch);
        double actual = SupervisedContrastive.batchLoss(z, labels, batch);
        Reference.assertWithin(expected, actual, 1e-12 * (Math.abs(expected) + 20 * batchSize), "l_SC");
    }

    /** The same at large radius (logits up to 1e4): both stay finite and agree to rounding of the logits. */
    @Property(tries = 100)
    void batchLossIsFiniteAndCorrectAtLargeRadius(@ForAll @IntRange(min = 2, max = 10) int batchSize,
                                                 @ForAll @DoubleRange(min = 1, max = 2) @Scale(6) double log10Rho,
                                                 @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double rho = Math.pow(10, log10Rho);
        double[][] z = Reference.sphere(rng, 6, 3, rho);
        int[] labels = {0, 0, 1, 1, 2, 2};
        int[] batch = new int[batchSize];
        for (int p = 0; p < batchSize; p++) {
            batch[p] = rng.nextInt(6);
        }
        double expected = definition2(z, labels, batch);
        double actual = SupervisedContrastive.batchLoss(z, labels, batch);
        // absolute error per anchor ~ a few ulps of the largest logit rho^2
        Reference.assertWithin(expected, actual, batchSize * 16 * Math.ulp(rho * rho) + 1e-12 * Math.abs(expected), "l_SC");
    }

    /** The batch is a multiset: the order of its index array does not matter (to rounding of the sums). */
    @Property(tries = 100)
    void batchLossDoesNotDependOnTheOrderOfTheBatch(@ForAll @IntRange(min = 2, max = 12) int batchSize,
                                                   @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] z = Reference.sphere(rng, 5, 3, 1.5);
        int[] labels = {0, 1, 0, 1, 1};
        int[] batch = new int[batchSize];
        for (int p = 0; p < batchSize; p++) {
            batch[p] = rng.nextInt(5);
        }
        int[] reversed = new int[batchSize];
        for (int p = 0; p < batchSize; p++) {
            reversed[p] = batch[batchSize - 1 - p];
        }
        double a = SupervisedContrastive.batchLoss(z, labels, batch);
        Reference.assertWithin(a, SupervisedContrastive.batchLoss(z, labels, reversed), 1e-13 * (Math.abs(a) + batchSize), "order");
    }

    /** 0/0 = 0: an anchor alone in its class contributes nothing, so all-distinct labels give exactly 0. */
    @Property(tries = 50)
    void aBatchWithAllLabelsDistinctHasLossZero(@ForAll @IntRange(min = 1, max = 10) int batchSize, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] z = Reference.sphere(rng, batchSize, 4, Reference.logUniform(rng, 0.1, 30));
        int[] labels = new int[batchSize];
        int[] batch = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = i;
            batch[i] = i;
        }
        assertEquals(0.0, SupervisedContrastive.batchLoss(z, labels, batch));
    }

    /** Two copies of one index: each is the other's only positive and only other member, so the loss is 0. */
    @Test
    void twoCopiesOfOnePointFormAZeroLossBatch() {
        double[][] z = {{3.0, 4.0}};
        assertEquals(0.0, SupervisedContrastive.batchLoss(z, new int[] {0}, new int[] {0, 0}));
    }

    /**
     * Khosla et al. (2020), written as their reference code does: logits {@code <u_i,u_k>/τ} shifted by
     * the row maximum over all k (self included), self masked out of the denominator, log-prob of every
     * positive, mean over the positives, times {@code -(τ/τ_base)}; anchors without a positive count as
     * 0 in the mean over all M anchors.
     */
    static double khosla(double[][] u, int[] labels, double tau, double tauBase) {
        int m = u.length;
        double total = 0;
        for (int i = 0; i < m; i++) {
            double[] logits = new double[m];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < m; k++) {
                logits[k] = Reference.dot(u[i], u[k]) / tau;
                max = Math.max(max, logits[k]);
            }
            double denominator = 0;
            for (int k = 0; k < m; k++) {
                if (k != i) {
                    denominator += Math.exp(logits[k] - max);
                }
            }
            double logDenominator = Math.log(denominator);
            double positiveLogProb = 0;
            int positives = 0;
            for (int j = 0; j < m; j++) {
                if (j != i && labels[j] == labels[i]) {
                    positiveLogProb += logits[j] - max - logDenominator;
                    positives++;
                }
            }
            if (positives > 0) {
                total += -(tau / tauBase) * positiveLogProb / positives;
            }
        }
        return total / m;
    }

    /**
     * khoslaReported equals the independent Khosla implementation on random unit features
     * (τ in [0.03, 1], τ_base in [0.03, 1], unbalanced labels, some anchors without positives).
     * Tolerance 1e-12 relative to {@code (τ/τ_base)·(1 + loss)}: logits up to 1/τ ≈ 33, rounding of a
     * few ulps of that per term.
     */
    @Property(tries = 200)
    void khoslaReportedEqualsAnIndependentImplementationOfKhoslasFormula(
            @ForAll @IntRange(min = 2, max = 24) int anchors, @ForAll @IntRange(min = 1, max = 6) int classes,
            @ForAll @IntRange(min = 2, max = 16) int dim,
            @ForAll @DoubleRange(min = 0.03, max = 1) @Scale(6) double tau,
            @ForAll @DoubleRange(min = 0.03, max = 1) @Scale(6) double tauBase, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] u = Reference.sphere(rng, anchors, dim, 1.0);
        int[] labels = new int[anchors];
        for (int i = 0; i < anchors; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double expected = khosla(u, labels, tau, tauBase);
        double actual = SupervisedContrastive.khoslaReported(u, labels, tau, tauBase);
        Reference.assertWithin(expected, actual, 1e-12 * (tau / tauBase) * (1 + Math.abs(expected)), "Khosla");
    }

    /**
     * With ρ² = 1/τ the reported loss is {@code (τ/τ_base)/M} times Definition 2's loss of the batch of
     * all M anchors at radius ρ (features scaled by 1/√τ). The scaled inner products differ from
     * {@code <u,v>/τ} by rounding only: tolerance 1e-12 relative (plus the same at scale 1).
     */
    @Property(tries = 200)
    void khoslaReportedIsTheScaledDefinition2LossAtRadiusOneOverSqrtTau(
            @ForAll @IntRange(min = 2, max = 24) int anchors, @ForAll @IntRange(min = 1, max = 6) int classes,
            @ForAll @DoubleRange(min = 0.03, max = 1) @Scale(6) double tau,
            @ForAll @DoubleRange(min = 0.03, max = 1) @Scale(6) double tauBase, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] u = Reference.sphere(rng, anchors, 5, 1.0);
        int[] labels = new int[anchors];
        int[] all = new int[anchors];
        double[][] scaled = new double[anchors][];
        for (int i = 0; i < anchors; i++) {
            labels[i] = rng.nextInt(classes);
            all[i] = i;
            scaled[i] = Reference.scale(u[i], 1 / Math.sqrt(tau));
        }
        double expected = (tau / tauBase) / anchors * SupervisedContrastive.batchLoss(scaled, labels, all);
        double actual = SupervisedContrastive.khoslaReported(u, labels, tau, tauBase);
        Reference.assertWithin(expected, actual, 1e-12 * (tau / tauBase) * (1 + Math.abs(expected)), "reported vs Definition 2");
    }

    /**
     * Fig. 1 (top) of the paper: the final SC value 4.596 is the per-point loss of one batch holding all
     * 300 points (3 classes of 100) collapsed at a simplex with ρ² = 5: {@code log(99 + 200·e^{-7.5})}.
     * Published to 3 decimals (4.596, checked to 5e-4); the formula's 4.59624 to 5e-6.
     */
    @Test
    void figure1TopLossOfAllThreeHundredCollapsedPointsIs4point596() {
        int[] labels = Reference.balancedLabels(3, 100);
        double[][] z = Reference.collapsed(RegularSimplex.regularSimplex(3, 2, Math.sqrt(5)), labels);
        int[] all = new int[300];
        for (int i = 0; i < 300; i++) {
            all[i] = i;
        }
        double perPoint = SupervisedContrastive.batchLoss(z, labels, all) / 300;
        Reference.assertWithin(4.596, perPoint, 5e-4, "Fig. 1 top, published");
        Reference.assertWithin(4.59624, perPoint, 5e-6, "log(99 + 200 e^-7.5)");
        // and the closed form itself, to rounding (300 anchors' terms of size ~5: 1e-13 relative)
        Reference.assertRelative(Math.log(99 + 200 * Math.exp(-7.5)), perPoint, 1e-13, "closed form");
    }

    @Test
    void khoslaReportedRejectsBadTemperatures() {
        double[][] u = {{1, 0}, {0, 1}};
        int[] labels = {0, 0};
        assertThrows(IllegalArgumentException.class, () -> SupervisedContrastive.khoslaReported(u, labels, 0, 0.07));
        assertThrows(IllegalArgumentException.class, () -> SupervisedContrastive.khoslaReported(u, labels, 0.1, Double.NaN));
        assertEquals(0.07, SupervisedContrastive.DEFAULT_BASE_TEMPERATURE);
    }
}
