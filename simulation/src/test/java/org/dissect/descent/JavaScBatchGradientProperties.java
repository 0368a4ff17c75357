package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.theory.SupervisedContrastive;

class JavaScBatchGradientProperties {

    /** Random configuration with any norms (0.2..3), unbalanced labels, and a batch with repeated indices. */
    private record Case(double[] z, int dim, int[] labels, int[] batch) {
        static Case random(long seed, int points, int dim, int classes, int batchSize) {
            UniformRandomProvider rng = ScSimulation.stream(seed);
            double[] z = new double[points * dim];
            for (int i = 0; i < z.length; i++) {
                z[i] = rng.nextDouble(-1.5, 1.5);
            }
            int[] labels = new int[points];
            for (int i = 0; i < points; i++) {
                labels[i] = rng.nextInt(classes);
            }
            int[] batch = new int[batchSize];
            for (int p = 0; p < batchSize; p++) {
                batch[p] = rng.nextInt(points);
            }
            return new Case(z, dim, labels, batch);
        }
    }

    @Property(tries = 200)
    void lossEqualsTheDefinition2Reference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int points,
                                           @ForAll @IntRange(min = 1, max = 5) int dim, @ForAll @IntRange(min = 1, max = 4) int classes,
                                           @ForAll @IntRange(min = 1, max = 12) int batchSize) {
        Case c = Case.random(seed, points, dim, classes, batchSize);
        double expected = SupervisedContrastive.batchLoss(Points.rows(c.z(), dim), c.labels(), c.batch());
        double actual = new JavaScBatchGradient().lossAndGradient(c.z(), dim, c.labels(), c.batch(), null);
        // Same formula, different summation order (EJML Gram vs per-pair dot products): a few ulps per anchor.
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Property(tries = 100)
    void gradientMatchesCentralFiniteDifferences(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int points,
                                                 @ForAll @IntRange(min = 1, max = 4) int dim,
                                                 @ForAll @IntRange(min = 1, max = 3) int classes,
                                                 @ForAll @IntRange(min = 2, max = 9) int batchSize) {
        Case c = Case.random(seed, points, dim, classes, batchSize);
        JavaScBatchGradient engine = new JavaScBatchGradient();
        double[] perCopy = new double[batchSize * dim];
        engine.lossAndGradient(c.z(), dim, c.labels(), c.batch(), perCopy);
        double[] grad = new double[points * dim];
        for (int p = 0; p < batchSize; p++) {
            for (int k = 0; k < dim; k++) {
                grad[c.batch()[p] * dim + k] += perCopy[p * dim + k];
            }
        }
        double h = 1e-6;
        for (int i = 0; i < grad.length; i++) {
            double[] plus = c.z().clone();
            double[] minus = c.z().clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (engine.lossAndGradient(plus, dim, c.labels(), c.batch(), null)
                - engine.lossAndGradient(minus, dim, c.labels(), c.batch(), null)) / (2 * h);
            // Central differences: truncation O(h²·f''') ~ 1e-11 and cancellation ~ ulp(f)/h ~ 1e-9 here.
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "coordinate " + i);
        }
    }

    @Property(tries = 50)
    void scalingTheRadiusScalesTheLogitsLikeATemperature(@ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 3) double scale) {
        Case c = Case.random(seed, 6, 3, 2, 8);
        double[] scaled = c.z().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= scale;
        }
        double direct = new JavaScBatchGradient().lossAndGradient(scaled, 3, c.labels(), c.batch(), null);
        double[][] rows = Points.rows(c.z(), 3);
        double[][] unit = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            unit[i] = rows[i].clone();
        }
        // Khosla's form with tau = 1/scale^2 and tau_base = tau is Definition 2 at radius scale, divided by M.
        double tau = 1 / (scale * scale);
        int[] labels = new int[c.batch().length];
        double[][] features = new double[c.batch().length][];
        for (int p = 0; p < features.length; p++) {
            features[p] = unit[c.batch()[p]];
            labels[p] = c.labels()[c.batch()[p]];
        }
        double khosla = SupervisedContrastive.khoslaReported(features, labels, tau, tau);
        assertEquals(direct / features.length, khosla, 1e-12 * Math.max(1, Math.abs(khosla)));
    }
}
