package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.dissect.theory.RegularSimplex;
import org.junit.jupiter.api.Test;

/**
 * {@link GammaDistributions}: each value against Eq. 7 computed here in its textbook form {@code 1 - arccos(cos)/π},
 * with the class means summed here; the order of the values; the simplex values; undefined values for zero vectors.
 */
class GammaDistributionsTest {

    /** Eq. 7 as printed: 1 - arccos(&lt;x, y&gt;/(‖x‖‖y‖))/π. */
    private static double textbook(double[] x, double[] y) {
        double dot = 0;
        double xx = 0;
        double yy = 0;
        for (int k = 0; k < x.length; k++) {
            dot += x[k] * y[k];
            xx += x[k] * x[k];
            yy += y[k] * y[k];
        }
        return 1 - Math.acos(dot / Math.sqrt(xx * yy)) / Math.PI;
    }

    /**
     * Random Gaussian points: every value matches the textbook form. arccos is ill-conditioned only at cosines near
     * ±1 (Gamma's Javadoc), which random vectors in dimension ≥ 2 reach with negligible probability; 1e-9 absolute
     * covers a cosine up to 1 - 1e-6 (derivative of arccos ≤ 1/sqrt(2e-6) ≈ 700, times ~1e-16 rounding).
     */
    @Property(tries = 60)
    void everyValueIsEq7(@ForAll @IntRange(min = 2, max = 5) int classes, @ForAll @IntRange(min = 1, max = 4) int perClass,
            @ForAll @IntRange(min = 2, max = 6) int dim, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] z = new double[n][dim];
        int[] labels = new int[n];
        double[][] w = new double[classes][dim];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % classes;
            for (int k = 0; k < dim; k++) {
                z[i][k] = random.nextGaussian() + (k == labels[i] % dim ? 2 : 0);
            }
        }
        for (double[] row : w) {
            for (int k = 0; k < dim; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] means = new double[classes][dim];
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            counts[labels[i]]++;
            for (int k = 0; k < dim; k++) {
                means[labels[i]][k] += z[i][k];
            }
        }
        GammaDistributions g = GammaDistributions.of(z, labels, classes, w);
        assertEquals(classes * (classes - 1) / 2, g.acrossMeans().length);
        assertEquals(n, g.toMeans().length);
        int idx = 0;
        for (int i = 0; i < classes; i++) {
            for (int j = i + 1; j < classes; j++) {
                // a mean and its sum point the same way: γ does not see the factor 1/n_y
                assertEquals(textbook(means[i], means[j]), g.acrossMeans()[idx], 1e-9, "means " + i + "," + j);
                assertEquals(textbook(w[i], w[j]), g.acrossWeights().get()[idx], 1e-9, "weights " + i + "," + j);
                idx++;
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(textbook(z[i], means[labels[i]]), g.toMeans()[i], 1e-9, "point " + i);
        }
        assertEquals(Gamma.acrossPairs(means).mean(), java.util.Arrays.stream(g.acrossMeans()).average().getAsDouble(), 1e-15);
        assertTrue(GammaDistributions.of(z, labels, classes, null).acrossWeights().isEmpty());
    }

    /** At a regular simplex with collapsed classes: (1) and (2) all equal 1 - arccos(-1/(K-1))/π, (3) all equal 1. */
    @Test
    void theSimplexGivesTheIdealValues() {
        for (int classes = 2; classes <= 7; classes++) {
            double[][] zeta = RegularSimplex.regularSimplex(classes, classes + 1, 2.0);
            double[][] z = new double[3 * classes][];
            int[] labels = new int[z.length];
            for (int i = 0; i < z.length; i++) {
                labels[i] = i % classes;
                z[i] = zeta[labels[i]];
            }
            GammaDistributions g = GammaDistributions.of(z, labels, classes, zeta);
            double ideal = 1 - Math.acos(-1.0 / (classes - 1)) / Math.PI;
            assertEquals(ideal, g.ideal(), 1e-15);
            for (double v : g.acrossMeans()) {
                assertEquals(ideal, v, 1e-12);
            }
            for (double v : g.acrossWeights().get()) {
                assertEquals(ideal, v, 1e-12);
            }
            for (double v : g.toMeans()) {
                assertEquals(1, v, 1e-15);
            }
        }
    }

    /** A zero point or a zero mean has no direction: its values are NaN, and they are counted as undefined. */
    @Test
    void zeroVectorsAreUndefined() {
        double[][] z = {{1, 0}, {-1, 0}, {0, 1}, {0, 0}};
        GammaDistributions g = GammaDistributions.of(z, new int[] {0, 0, 1, 1}, 2, null);
        assertTrue(Double.isNaN(g.acrossMeans()[0]), "class 0's mean is zero");
        assertEquals(1, GammaDistributions.undefined(g.acrossMeans()));
        assertEquals(3, GammaDistributions.undefined(g.toMeans()), "two points of class 0 (zero mean) and the zero point");
        assertEquals(1, g.toMeans()[2], 1e-15);
    }

    @Test
    void badShapesAreRefused() {
        double[][] z = {{1, 0}, {-1, 0}};
        assertThrows(IllegalArgumentException.class, () -> GammaDistributions.of(z, new int[] {0, 1}, 2, new double[][] {{1, 0}}));
        assertThrows(IllegalArgumentException.class, () -> GammaDistributions.of(z, new int[] {0, 0}, 2, null));
        assertThrows(IllegalArgumentException.class, () -> GammaDistributions.of(z, new int[] {0, 1, 1}, 2, null));
    }
}
