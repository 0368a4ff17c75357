package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.Vectors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class NeuralCollapseTest {

    /**
     * NC1 against Papyan et al.'s definition computed literally: h×h matrices Σ_W and Σ_B, EJML's
     * pseudo-inverse, trace. {@code K = h + 1} makes Σ_B invertible (no cut-off involved); larger h
     * makes it rank K-1 and exercises the truncation of both implementations.
     */
    @Property(tries = 200, seed = "20210703")
    void nc1MatchesTheLiteralTraceFormula(@ForAll @IntRange(min = 2, max = 6) int classes,
                                          @ForAll @IntRange(min = 0, max = 4) int extraDims,
                                          @ForAll @IntRange(min = 1, max = 5) int perClass,
                                          @ForAll boolean balanced,
                                          @ForAll long seed) {
        int dim = classes - 1 + extraDims;
        SplittableRandom rng = new SplittableRandom(seed);
        int n = classes * perClass + (balanced ? 0 : classes - 1);
        double[][] z = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < classes * perClass ? i % classes : 0;
            for (int k = 0; k < dim; k++) {
                z[i][k] = rng.nextGaussian() + 3 * (k == labels[i] % dim ? 1 : 0);
            }
        }
        double[][] means = Vectors.classMeans(z, labels, classes);
        double expected = literalNc1(z, labels, means);
        assertEquals(expected, NeuralCollapse.nc1(z, labels, means), 1e-9 * Math.max(1, expected));
    }

    private static double literalNc1(double[][] z, int[] labels, double[][] means) {
        int dim = z[0].length;
        int classes = means.length;
        double[] g = NeuralCollapse.globalMean(z);
        DMatrixRMaj sw = new DMatrixRMaj(dim, dim);
        for (int i = 0; i < z.length; i++) {
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < dim; b++) {
                    sw.add(a, b, (z[i][a] - means[labels[i]][a]) * (z[i][b] - means[labels[i]][b]) / z.length);
                }
            }
        }
        DMatrixRMaj sb = new DMatrixRMaj(dim, dim);
        for (double[] mu : means) {
            for (int a = 0; a < dim; a++) {
                for (int b = 0; b < dim; b++) {
                    sb.add(a, b, (mu[a] - g[a]) * (mu[b] - g[b]) / classes);
                }
            }
        }
        DMatrixRMaj pinv = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.pinv(sb, pinv);
        DMatrixRMaj product = new DMatrixRMaj(dim, dim);
        CommonOps_DDRM.mult(sw, pinv, product);
        return CommonOps_DDRM.trace(product) / classes;
    }

    @Test
    void nc1IsZeroWhenEveryPointIsAtItsMeanAndPositiveOtherwise() {
        double[][] means = {{1, 2, 0}, {-3, 0.5, 1}, {0, -1, 4}};
        int[] labels = {0, 1, 2, 2, 1, 0, 0};
        double[][] z = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            z[i] = means[labels[i]].clone();
        }
        assertEquals(0.0, NeuralCollapse.nc1(z, labels, Vectors.classMeans(z, labels, 3)), 1e-28);
        z[3][1] += 1e-6;
        double nc1 = NeuralCollapse.nc1(z, labels, Vectors.classMeans(z, labels, 3));
        assertTrue(nc1 > 0 && nc1 < 1e-10, () -> "nc1 " + nc1);
    }

    @Test
    void nc1IsNaNWhenAllMeansCoincide() {
        double[][] z = {{1, 1}, {1, 1}, {1, 2}, {1, 0}};
        int[] labels = {0, 0, 1, 1};
        assertTrue(Double.isNaN(NeuralCollapse.nc1(z, labels, Vectors.classMeans(z, labels, 2))));
    }

    @Test
    void equinormIsTheCoefficientOfVariationOfTheNorms() {
        assertEquals(0.5, NeuralCollapse.equinorm(new double[][] {{1, 0}, {0, 3}}), 1e-15);
        assertEquals(0.0, NeuralCollapse.equinorm(RegularSimplex.regularSimplex(5, 6, 2)), 1e-15);
        assertTrue(Double.isNaN(NeuralCollapse.equinorm(new double[][] {{0, 0}, {0, 0}})));
    }

    @Test
    void equiangularityAtASimplexAndAtRightAngles() {
        NeuralCollapse.Equiangularity simplex = NeuralCollapse.equiangularity(RegularSimplex.regularSimplex(4, 3, 1));
        assertEquals(0, simplex.std(), 1e-15);
        assertEquals(0, simplex.maxDeviation(), 1e-15);
        // Three orthogonal vectors: every cosine 0, ideal -1/2.
        NeuralCollapse.Equiangularity right = NeuralCollapse.equiangularity(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}});
        assertEquals(0, right.std(), 1e-15);
        assertEquals(0.5, right.maxDeviation(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> NeuralCollapse.equiangularity(new double[][] {{1, 0}}));
    }

    @Test
    void nc3IsZeroForPositiveMultiplesAndFourForNegativeOnes() {
        double[][] m = RegularSimplex.regularSimplex(3, 2, 1);
        assertEquals(0, NeuralCollapse.nc3(Configurations.copy(scaled(m, 2.5)), m), 1e-15);
        assertEquals(4, NeuralCollapse.nc3(scaled(m, -1), m), 1e-15);
        assertTrue(Double.isNaN(NeuralCollapse.nc3(scaled(m, 0), m)));
    }

    @Test
    void nc4CountsDisagreementsBetweenClassifierAndNearestMean() {
        double[][] means = {{1, 0}, {-1, 0}};
        double[][] weights = {{0, 1}, {0, -1}};
        double[][] z = {{1, 0.1}, {1, -0.1}, {-1, -0.2}, {-1, 0.2}};
        // Nearest means 0, 0, 1, 1; classifier 0, 1, 1, 0.
        assertEquals(0.5, NeuralCollapse.nc4Mismatch(z, means, weights));
        assertEquals(0.0, NeuralCollapse.nc4Mismatch(z, means, means));
    }

    private static double[][] scaled(double[][] m, double s) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = Configurations.scale(m[i], s);
        }
        return out;
    }
}
