package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.engine.Engine;
import org.dissect.theory.SupervisedContrastive;

/**
 * The suite every {@link ScBatchGradient} runs (java, blas, opencl): random sizes, norms, repeated indices and
 * unbalanced labels; the engine is opened once per property and reused across its tries, so growing and
 * shrinking shapes are exercised too. Tolerances, and why:
 * <ul>
 *   <li>against Definition 2 ({@link SupervisedContrastive#batchLoss}, anchor by anchor): {@code 1e-12 ×
 *       max(1, |ℓ|)}, the same formula summed in another order;
 *   <li>against the Java engine: {@code 1e-12 ×} the scale of the sum, {@code m·(1 + max|s_pq|)} for the loss and
 *       {@code (2 + m)·max|x|} for a gradient entry (a sum of at most {@code 2 + m} coefficients of magnitude at
 *       most 1 times a coordinate): relative 1e-12 of the terms that are added;
 *   <li>central finite differences, step 1e-6: {@code 1e-6 × max(1, |fd|)} (truncation ~1e-11, cancellation ~1e-9).
 * </ul>
 */
abstract class ScBatchGradientContract {
    private ScBatchGradient engine;

    /** @return a new engine of the kind under test */
    protected abstract ScBatchGradient open();

    /** @return the kind the engine must report */
    protected abstract Engine expectedKind();

    /** @return the engine, opened once per property */
    protected final ScBatchGradient engine() {
        if (engine == null) {
            engine = open();
        }
        return engine;
    }

    @AfterProperty
    void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** Random configuration with coordinates in ±1.5 (norms up to 1.5·√h), unbalanced labels, a batch with repeats. */
    record Case(double[] z, int dim, int[] labels, int[] batch) {
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
        double actual = engine().lossAndGradient(c.z(), dim, c.labels(), c.batch(), null);
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Property(tries = 100)
    void gradientMatchesCentralFiniteDifferences(@ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int points,
                                                 @ForAll @IntRange(min = 1, max = 4) int dim,
                                                 @ForAll @IntRange(min = 1, max = 3) int classes,
                                                 @ForAll @IntRange(min = 2, max = 9) int batchSize) {
        Case c = Case.random(seed, points, dim, classes, batchSize);
        double[] perCopy = new double[batchSize * dim];
        double withGradient = engine().lossAndGradient(c.z(), dim, c.labels(), c.batch(), perCopy);
        assertEquals(engine().lossAndGradient(c.z(), dim, c.labels(), c.batch(), null), withGradient, 0.0,
            "the loss does not depend on whether the gradient is asked for");
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
            double fd = (engine().lossAndGradient(plus, dim, c.labels(), c.batch(), null)
                - engine().lossAndGradient(minus, dim, c.labels(), c.batch(), null)) / (2 * h);
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "coordinate " + i);
        }
    }

    @Property(tries = 60)
    void agreesWithTheJavaEngineToOnePartInATrillion(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int points,
                                                     @ForAll @IntRange(min = 1, max = 70) int dim,
                                                     @ForAll @IntRange(min = 1, max = 6) int classes,
                                                     @ForAll @IntRange(min = 2, max = 48) int batchSize,
                                                     @ForAll @DoubleRange(min = 0.05, max = 3) double scale) {
        Case c = Case.random(seed, points, dim, classes, batchSize);
        double[] z = c.z();
        double maxAbs = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
            maxAbs = Math.max(maxAbs, Math.abs(z[i]));
        }
        double maxGram = maxAbs * maxAbs * dim;
        double[] expectedGrad = new double[batchSize * dim];
        double[] actualGrad = new double[batchSize * dim];
        double expected = new JavaScBatchGradient().lossAndGradient(z, dim, c.labels(), c.batch(), expectedGrad);
        double actual = engine().lossAndGradient(z, dim, c.labels(), c.batch(), actualGrad);
        assertEquals(expected, actual, 1e-12 * batchSize * (1 + maxGram), "loss");
        for (int i = 0; i < expectedGrad.length; i++) {
            assertEquals(expectedGrad[i], actualGrad[i], 1e-12 * (2 + batchSize) * maxAbs, "gradient " + i);
        }
        assertEquals(expectedKind(), engine().engine().kind(), engine().engine().toString());
        assertNull(engine().engine().fallback(), engine().engine().toString());
    }

    @Property(tries = 50)
    void scalingTheRadiusScalesTheLogitsLikeATemperature(@ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 3) double scale) {
        Case c = Case.random(seed, 6, 3, 2, 8);
        double[] scaled = c.z().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= scale;
        }
        double direct = engine().lossAndGradient(scaled, 3, c.labels(), c.batch(), null);
        double[][] rows = Points.rows(c.z(), 3);
        // Khosla's form with tau = 1/scale^2 and tau_base = tau is Definition 2 at radius scale, divided by M.
        double tau = 1 / (scale * scale);
        int[] labels = new int[c.batch().length];
        double[][] features = new double[c.batch().length][];
        for (int p = 0; p < features.length; p++) {
            features[p] = rows[c.batch()[p]];
            labels[p] = c.labels()[c.batch()[p]];
        }
        double khosla = SupervisedContrastive.khoslaReported(features, labels, tau, tau);
        assertEquals(direct / features.length, khosla, 1e-12 * Math.max(1, Math.abs(khosla)));
    }
}
