package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CrossEntropyTest {

    /**
     * Definition 1 written out naively: {@code -(1/N) Σ_n log(exp(<z_n,w_y>) / Σ_l exp(<z_n,w_l>))}
     * with plain exponentials, valid while every logit is moderate (here |logit| ≤ 40).
     *
     * <p>Tolerance 1e-13 absolute: the logits themselves carry rounding of about h·u·|z||w| ≤ 1e-14
     * (h ≤ 8, |z||w| ≤ 40), and the naive ratio and log add a few ulps of 1; the per-point losses are
     * averaged, so the mean carries the same absolute error.
     */
    @Property(tries = 200)
    void equalsANaiveImplementationOfDefinition1ForModerateLogits(
            @ForAll @IntRange(min = 2, max = 10) int classes, @ForAll @IntRange(min = 1, max = 30) int points,
            @ForAll @IntRange(min = 1, max = 8) int dim, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double rho = Reference.logUniform(rng, 0.01, 5);
        double weightNorm = Reference.logUniform(rng, 0.01, 8);
        double[][] z = Reference.ball(rng, points, dim, rho);
        double[][] w = Reference.ball(rng, classes, dim, weightNorm);
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double naive = 0;
        for (int i = 0; i < points; i++) {
            double denominator = 0;
            for (int l = 0; l < classes; l++) {
                denominator += Math.exp(Reference.dot(z[i], w[l]));
            }
            naive += -Math.log(Math.exp(Reference.dot(z[i], w[labels[i]])) / denominator);
        }
        naive /= points;
        Reference.assertWithin(naive, CrossEntropy.loss(z, w, labels), 1e-13, "CE");
    }

    /**
     * Logits of size ~1e3 to ~1e5 overflow every naive exponential; the loss must stay finite and exact.
     * Analytic case: z = ρe_1 and w_l = c_l·e_1 with integer c_l and ρ = 1, so the logits are the
     * integers c_l exactly, and {@code loss = log Σ_l exp(c_l - c_y)}: written as
     * {@code (c_max - c_y) + log(Σ_l exp(c_l - c_max))} with at most three distinct terms it is exact
     * to a couple of ulps of the result.
     *
     * <p>Tolerance: the method forms {@code (max + log Σ) - logit_y}, so the intermediate
     * {@code max + log Σ} is rounded at the scale of the largest logit: an absolute error of up to one
     * ulp of {@code |max|} (5.7e-14 at 1000, 7.3e-12 at 1e5). That is the size of the rounding every
     * logit already carries from its inner product, i.e. the method is backward stable; the test allows
     * 2 ulps of the largest logit plus 4 ulps of the result.
     */
    @Property(tries = 100)
    void isFiniteAndExactForHugeLogits(@ForAll @IntRange(min = 1000, max = 100000) int top,
                                      @ForAll @IntRange(min = 0, max = 3) int gap1,
                                      @ForAll @IntRange(min = 0, max = 3) int gap2,
                                      @ForAll @IntRange(min = 0, max = 2) int label, @ForAll boolean negate) {
        int sign = negate ? -1 : 1;
        double[] c = {sign * top, sign * top - gap1, sign * top - gap1 - gap2};
        double max = Math.max(c[0], Math.max(c[1], c[2]));
        double[][] z = {{1.0, 0.0}};
        double[][] w = {{c[0], 0}, {c[1], 0}, {c[2], 0}};
        double expected = (max - c[label])
            + Math.log(Math.exp(c[0] - max) + Math.exp(c[1] - max) + Math.exp(c[2] - max));
        double loss = CrossEntropy.loss(z, w, new int[] {label});
        assertTrue(Double.isFinite(loss), "finite");
        double tolerance = 2 * Math.ulp(Math.abs(max)) + 4 * Math.ulp(Math.max(expected, 1));
        Reference.assertWithin(expected, loss, tolerance, "CE at logits " + c[0] + "," + c[1] + "," + c[2]);
    }

    @Test
    void aMisclassifiedPointWithHugeLogitsCostsTheMargin() {
        // ||z||·||w|| = 1e3: logits +1000 (wrong class) and -1000 (own class): loss = 2000 + log1p(e^-2000) = 2000
        double[][] z = {{10.0, 0.0}};
        double[][] w = {{-100.0, 0.0}, {100.0, 0.0}};
        assertEquals(2000.0, CrossEntropy.loss(z, w, new int[] {0}));
        // three equal huge logits (1000): log 3, up to the rounding of 1000 + log 3 (one ulp of 1000)
        double[][] w3 = {{100.0, 0.0}, {100.0, 0.0}, {100.0, 0.0}};
        Reference.assertWithin(Math.log(3), CrossEntropy.loss(z, w3, new int[] {2}), Math.ulp(1000.0), "log 3");
    }

    @Property(tries = 100)
    void regularizedLossAddsLambdaTimesTheSquaredFrobeniusNorm(
            @ForAll @IntRange(min = 2, max = 6) int classes, @ForAll @IntRange(min = 1, max = 10) int points,
            @ForAll @DoubleRange(min = -6, max = 3) @Scale(6) double log10Lambda, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double lambda = Math.pow(10, log10Lambda);
        double[][] z = Reference.ball(rng, points, 3, 1.0);
        double[][] w = Reference.ball(rng, classes, 3, 4.0);
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double frobenius = 0;
        for (double[] row : w) {
            frobenius += Reference.dot(row, row);
        }
        double expected = CrossEntropy.loss(z, w, labels) + lambda * frobenius;
        // the two parts are summed once; the Frobenius sums may differ in the last few bits
        Reference.assertRelative(expected, CrossEntropy.regularizedLoss(z, w, labels, lambda), 1e-14, "CE + penalty");
    }

    @Test
    void rejectsMismatchedShapesAndBadLabelsAndBadLambda() {
        double[][] z = {{1, 0}, {0, 1}};
        double[][] w = {{1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(z, w, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(new double[0][], w, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(z, w, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(z, w, new int[] {-1, 0}));
        for (double lambda : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.regularizedLoss(z, w, new int[] {0, 1}, lambda));
            assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        }
    }


    /**
     * Regression (precision): evaluating each point as {@code log(Σ_l exp(l - max))} with {@code Math.log}
     * gives {@code log(fl(1 + u))} for a confidently correct point: relative error ~1e-16/u. For two logits (t, 0), label 0, the exact loss is
     * {@code log1p(e^{-t})}; at t = 40 that form returned 0 instead of 4.25e-18. The bounds are computed with log1p, so
     * at their minimisers the loss must not read below them.
     * Tolerance: 1e-13 relative, well above the ~1e-16 a log1p-based evaluation gives.
     */
    @Test
    void keepsFullRelativePrecisionWhenTheLossIsTiny() {
        double[][] z = {{1.0, 0.0}};
        List<Executable> checks = new ArrayList<>();
        for (double t : new double[] {10, 20, 40, 100}) {
            double[][] w = {{t, 0.0}, {0.0, 0.0}};
            double exact = Math.log1p(Math.exp(-t));
            checks.add(() -> Reference.assertRelative(exact, CrossEntropy.loss(z, w, new int[] {0}), 1e-13,
                "CE at margin t=" + t));
        }
        // consequence: at the Theorem 1 optimum (K = 3, rho = 1, W = 40·zeta) the loss reads below the bound
        double[][] zeta = RegularSimplex.regularSimplex(3, 2, 1.0);
        double[][] w = new double[3][];
        for (int y = 0; y < 3; y++) {
            w[y] = Reference.scale(zeta[y], 40.0);
        }
        double bound = CrossEntropyBounds.theorem1(3, 1.0, 40.0 * Math.sqrt(3));
        double ce = CrossEntropy.loss(zeta, w, new int[] {0, 1, 2});
        checks.add(() -> assertTrue(ce >= bound * (1 - 1e-12),
            "CE " + ce + " below the Theorem 1 bound " + bound + " at the optimum"));
        assertAll(checks);
    }

    /**
     * Contract: weights of another dimension than the points are rejected with an
     * IllegalArgumentException (not truncated into a wrong loss, not an index exception).
     */
    @Test
    void rejectsWeightsOfAnotherDimension() {
        double[][] z = {{1.0, 0.0}, {0.0, 1.0}};
        int[] labels = {0, 1};
        double[][] longer = {{1.0, 0.0, 5.0}, {0.0, 1.0, -5.0}};
        double[][] shorter = {{1.0}, {0.0}};
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(z, longer, labels),
            "weights of dimension 3 for points of dimension 2");
        assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(z, shorter, labels),
            "weights of dimension 1 for points of dimension 2");
    }

    /**
     * Ragged rows: a point or weight row shorter or longer than point 0 would truncate (or overrun) a dot
     * product; it is an IllegalArgumentException naming the row. The loss of the same data with the row
     * fixed is finite (the check, not the data, is what fails).
     */
    @Test
    void raggedPointOrWeightRowsAreRejectedNamingTheRow() {
        double[][] w = {{1.0, 0.0}, {0.0, 1.0}};
        int[] labels = {0, 1, 0};
        double[][] shortPoint = {{1.0, 0.0}, {0.0, 1.0}, {2.0}};
        double[][] longPoint = {{1.0, 0.0}, {0.0, 1.0, 3.0}, {2.0, 0.0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(shortPoint, w, labels));
        assertEquals("point 2 has dimension 1, expected 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(longPoint, w, labels));
        assertEquals("point 1 has dimension 3, expected 2", e.getMessage());
        double[][] raggedWeights = {{1.0, 0.0}, {0.0}};
        double[][] z = {{1.0, 0.0}, {0.0, 1.0}, {2.0, 0.0}};
        e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(z, raggedWeights, labels));
        assertEquals("weight 1 has dimension 1, expected 2", e.getMessage());
        assertTrue(Double.isFinite(CrossEntropy.loss(z, w, labels)));
    }
}
