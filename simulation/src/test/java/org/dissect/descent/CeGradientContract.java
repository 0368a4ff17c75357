package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.engine.Engine;
import org.dissect.theory.CrossEntropy;

/**
 * The suite every {@link CeGradient} runs (java, blas, opencl), with free weights (both gradients) and fixed
 * weights (the points' gradient alone): random sizes, norms and unbalanced labels; the engine is opened once per
 * property and reused across its tries. Tolerances, and why:
 * <ul>
 *   <li>against Definition 1 ({@link CrossEntropy#loss}, log-sum-exp per point): {@code 1e-12 × (1 + max|l|)},
 *       the logits' own rounding;
 *   <li>against the Java engine: the loss to {@code 1e-12 × (1 + max|l|)}; a gradient entry, a sum of K (for Z)
 *       or N (for W) residuals of magnitude at most 1/N times a coordinate, to {@code 1e-12 × max|coordinate|}
 *       (times K/N for Z);
 *   <li>central finite differences, step 1e-6: {@code 1e-6 × max(1, |fd|)}.
 * </ul>
 */
abstract class CeGradientContract {
    private CeGradient engine;

    /** @return a new engine of the kind under test */
    protected abstract CeGradient open();

    /** @return the kind the engine must report */
    protected abstract Engine expectedKind();

    /** @return the engine, opened once per property */
    protected final CeGradient engine() {
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

    /** Points and weights with coordinates in ±scale, labels drawn at random (unbalanced, some classes empty). */
    record Case(double[] z, double[] w, int[] labels, int classes, int dim, double maxAbs) {
        static Case random(long seed, int points, int classes, int dim, double scale) {
            UniformRandomProvider rng = ScSimulation.stream(seed);
            double[] z = new double[points * dim];
            double[] w = new double[classes * dim];
            double maxAbs = 0;
            for (int i = 0; i < z.length; i++) {
                z[i] = rng.nextDouble(-scale, scale);
                maxAbs = Math.max(maxAbs, Math.abs(z[i]));
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble(-scale, scale);
                maxAbs = Math.max(maxAbs, Math.abs(w[i]));
            }
            int[] labels = new int[points];
            for (int i = 0; i < points; i++) {
                labels[i] = rng.nextInt(classes);
            }
            return new Case(z, w, labels, classes, dim, maxAbs);
        }

        double maxLogit() {
            return maxAbs * maxAbs * dim;
        }
    }

    @Property(tries = 150)
    void lossEqualsTheDefinition1Reference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int points,
                                           @ForAll @IntRange(min = 2, max = 6) int classes, @ForAll @IntRange(min = 1, max = 9) int dim,
                                           @ForAll @DoubleRange(min = 0.01, max = 4) double scale) {
        Case c = Case.random(seed, points, classes, dim, scale);
        double expected = CrossEntropy.loss(Points.rows(c.z(), dim), Points.rows(c.w(), dim), c.labels());
        double actual = engine().lossAndGradient(c.z(), c.w(), c.labels(), classes, dim, null, null);
        assertEquals(expected, actual, 1e-12 * (1 + c.maxLogit()));
    }

    @Property(tries = 80)
    void gradientsMatchCentralFiniteDifferences(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int points,
                                                @ForAll @IntRange(min = 2, max = 4) int classes,
                                                @ForAll @IntRange(min = 1, max = 4) int dim,
                                                @ForAll @DoubleRange(min = 0.1, max = 2) double scale) {
        Case c = Case.random(seed, points, classes, dim, scale);
        double[] gz = new double[c.z().length];
        double[] gw = new double[c.w().length];
        double loss = engine().lossAndGradient(c.z(), c.w(), c.labels(), classes, dim, gz, gw);
        assertEquals(engine().lossAndGradient(c.z(), c.w(), c.labels(), classes, dim, null, null), loss, 0.0,
            "the loss does not depend on whether gradients are asked for");
        double h = 1e-6;
        for (int i = 0; i < gz.length; i++) {
            double[] plus = c.z().clone();
            double[] minus = c.z().clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (engine().lossAndGradient(plus, c.w(), c.labels(), classes, dim, null, null)
                - engine().lossAndGradient(minus, c.w(), c.labels(), classes, dim, null, null)) / (2 * h);
            assertEquals(fd, gz[i], 1e-6 * Math.max(1, Math.abs(fd)), "point coordinate " + i);
        }
        for (int i = 0; i < gw.length; i++) {
            double[] plus = c.w().clone();
            double[] minus = c.w().clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (engine().lossAndGradient(c.z(), plus, c.labels(), classes, dim, null, null)
                - engine().lossAndGradient(c.z(), minus, c.labels(), classes, dim, null, null)) / (2 * h);
            assertEquals(fd, gw[i], 1e-6 * Math.max(1, Math.abs(fd)), "weight coordinate " + i);
        }
    }

    @Property(tries = 60)
    void agreesWithTheJavaEngineToOnePartInATrillion(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int points,
                                                     @ForAll @IntRange(min = 2, max = 12) int classes,
                                                     @ForAll @IntRange(min = 1, max = 70) int dim,
                                                     @ForAll @DoubleRange(min = 0.01, max = 3) double scale,
                                                     @ForAll boolean fixedWeights) {
        Case c = Case.random(seed, points, classes, dim, scale);
        double[] gz1 = new double[c.z().length];
        double[] gz2 = new double[c.z().length];
        double[] gw1 = fixedWeights ? null : new double[c.w().length];
        double[] gw2 = fixedWeights ? null : new double[c.w().length];
        double expected = new JavaCeGradient().lossAndGradient(c.z(), c.w(), c.labels(), classes, dim, gz1, gw1);
        double actual = engine().lossAndGradient(c.z(), c.w(), c.labels(), classes, dim, gz2, gw2);
        assertEquals(expected, actual, 1e-12 * (1 + c.maxLogit()), "loss");
        for (int i = 0; i < gz1.length; i++) {
            assertEquals(gz1[i], gz2[i], 1e-12 * c.maxAbs() * classes / points, "point gradient " + i);
        }
        for (int i = 0; gw1 != null && i < gw1.length; i++) {
            assertEquals(gw1[i], gw2[i], 1e-12 * c.maxAbs(), "weight gradient " + i);
        }
        assertEquals(expectedKind(), engine().engine().kind(), engine().engine().toString());
        assertNull(engine().engine().fallback(), engine().engine().toString());
    }

    @Property(tries = 40)
    void pointsAtAnOffsetGiveTheSameBits(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int points,
                                         @ForAll @IntRange(min = 2, max = 6) int classes, @ForAll @IntRange(min = 1, max = 20) int dim,
                                         @ForAll @IntRange(min = 0, max = 50) int from, @ForAll @IntRange(min = 0, max = 5) int after) {
        Case c = Case.random(seed, points, classes, dim, 1.0);
        double[] gz = new double[c.z().length];
        double[] gw = new double[c.w().length];
        double expected = engine().lossAndGradient(c.z(), c.w(), c.labels(), classes, dim, gz, gw);
        double[] x = new double[from + c.z().length + after];
        java.util.Arrays.fill(x, Double.NaN);
        System.arraycopy(c.z(), 0, x, from, c.z().length);
        double[] g = new double[x.length];
        java.util.Arrays.fill(g, -7.0);
        double[] gwAt = new double[c.w().length];
        double actual = engine().lossAndGradient(x, from, c.w(), c.labels(), classes, dim, g, gwAt);
        // The same arithmetic on the same numbers, only read from and written to other places: 0 tolerance.
        assertEquals(expected, actual, 0.0, "loss");
        assertArrayEquals(gz, java.util.Arrays.copyOfRange(g, from, from + gz.length), "point gradient");
        assertArrayEquals(gw, gwAt, "weight gradient");
        for (int i = 0; i < x.length; i++) {
            if (i < from || i >= from + gz.length) {
                assertEquals(-7.0, g[i], 0.0, "gradient entry " + i + " outside the points is not modified");
            }
        }
    }
}
