package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.descent.JavaCeGradient;
import org.dissect.descent.JavaScBatchGradient;
import org.dissect.theory.CrossEntropy;
import org.dissect.theory.SupervisedContrastive;

/**
 * The training losses' values against the theory module's independent implementations: SC against Definition 2
 * ({@code SupervisedContrastive.batchLoss}) on the projected features and against Khosla et al.'s reported form with
 * {@code τ_base = τ = 1/ρ²}; CE against Definition 1 ({@code CrossEntropy.loss}). Relative tolerance 1e-12: both sides
 * sum a few hundred terms of O(1)-O(ρ²) in a different order.
 */
class FeatureLossProperties {
    @Property(tries = 100)
    void scIsDefinition2PerAnchorAndKhoslasFormWithBaseTemperatureTau(@ForAll @IntRange(min = 2, max = 12) int m,
                                                                       @ForAll @IntRange(min = 1, max = 6) int h,
                                                                       @ForAll @IntRange(min = 1, max = 4) int classes,
                                                                       @ForAll @DoubleRange(min = 0.1, max = 20) double rho2,
                                                                       @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] f = MlpGradientProperties.gaussian(rng, m * h);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double rho = Math.sqrt(rho2);
        double[][] z = new double[m][h];
        double[][] u = new double[m][h];
        int[] batch = new int[m];
        for (int i = 0; i < m; i++) {
            batch[i] = i;
            double norm = 0;
            for (int k = 0; k < h; k++) {
                norm += f[i * h + k] * f[i * h + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < h; k++) {
                u[i][k] = f[i * h + k] / norm;
                z[i][k] = rho * u[i][k];
            }
        }
        try (JavaScBatchGradient engine = new JavaScBatchGradient()) {
            double ours = FeatureLoss.supervisedContrastive(engine, h, rho).lossAndGradient(f, labels, null, new double[m * h], null);
            double definition2 = SupervisedContrastive.batchLoss(z, labels, batch) / m;
            double khosla = SupervisedContrastive.khoslaReported(u, labels, 1 / rho2, 1 / rho2);
            assertEquals(definition2, ours, 1e-12 * Math.max(1, Math.abs(definition2)));
            assertEquals(khosla, ours, 1e-12 * Math.max(1, Math.abs(khosla)));
        }
    }

    @Property(tries = 100)
    void ceIsDefinition1OverTheBatch(@ForAll @IntRange(min = 1, max = 12) int m, @ForAll @IntRange(min = 1, max = 6) int h,
                                    @ForAll @IntRange(min = 2, max = 5) int classes, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] f = MlpGradientProperties.gaussian(rng, m * h);
        double[] w = MlpGradientProperties.gaussian(rng, classes * h);
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double[][] z = new double[m][h];
        double[][] wr = new double[classes][h];
        for (int i = 0; i < m; i++) {
            System.arraycopy(f, i * h, z[i], 0, h);
        }
        for (int k = 0; k < classes; k++) {
            System.arraycopy(w, k * h, wr[k], 0, h);
        }
        try (JavaCeGradient engine = new JavaCeGradient()) {
            double ours = FeatureLoss.crossEntropy(engine, classes, h).lossAndGradient(f, labels, w, new double[m * h], null);
            double definition1 = CrossEntropy.loss(z, wr, labels);
            assertEquals(definition1, ours, 1e-12 * Math.max(1, definition1));
        }
    }
}
