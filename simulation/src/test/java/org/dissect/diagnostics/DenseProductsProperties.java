package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.blas.OpenBlas;

/**
 * {@link DenseProducts}: the OpenBLAS sum of squared projections against the Java one, and the Java one against the
 * definition written out, over random shapes (more points than a block, so several blocks and a partial last one).
 */
class DenseProductsProperties {
    private static double[][] rows(int n, int dim, double scale, UniformRandomProvider rng) {
        double[][] a = new double[n][dim];
        for (double[] row : a) {
            for (int k = 0; k < dim; k++) {
                row[k] = rng.nextDouble(-scale, scale);
            }
        }
        return a;
    }

    /** {@code Σ_n Σ_i (Σ_k v_ik (z_nk − μ_{y_n}k))²} written out, and {@code Σ_n Σ_i (Σ_k |v_ik (z_nk − μ_k)|)²}. */
    private static double[] definition(double[][] z, int[] labels, double[][] means, double[][] v) {
        double s = 0;
        double magnitude = 0;
        for (int n = 0; n < z.length; n++) {
            for (double[] vi : v) {
                double p = 0;
                double a = 0;
                for (int k = 0; k < vi.length; k++) {
                    p += vi[k] * (z[n][k] - means[labels[n]][k]);
                    a += Math.abs(vi[k] * (z[n][k] - means[labels[n]][k]));
                }
                s += p * p;
                magnitude += a * a;
            }
        }
        return new double[] {s, magnitude};
    }

    @Property(tries = 60)
    void blasAndJavaAgreeWithTheDefinition(@ForAll @IntRange(min = 1, max = 400) int count,
                                           @ForAll @IntRange(min = 1, max = 70) int dim,
                                           @ForAll @IntRange(min = 2, max = 8) int classes,
                                           @ForAll @IntRange(min = 0, max = 7) int directions,
                                           @ForAll @DoubleRange(min = 0.01, max = 10) double scale,
                                           @ForAll long seed) {
        assumeTrue(OpenBlas.available(), "OpenBLAS natives not loaded");
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] z = rows(count, dim, scale, rng);
        double[][] means = rows(classes, dim, scale, rng);
        double[][] v = rows(Math.min(directions, classes - 1), dim, 1 / scale, rng);
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            labels[n] = rng.nextInt(classes);
        }
        double[] expected = definition(z, labels, means, v);
        double java = DenseProducts.java().squaredProjections(z, labels, means, v);
        double blas = DenseProducts.blas().squaredProjections(z, labels, means, v);
        // Each projection p is a dot product of h terms: its rounding in any order is within 2h·2⁻⁵³·a, a = Σ|terms|,
        // so p² moves by at most about 2·|p|·2h·2⁻⁵³·a ≤ 4h·2⁻⁵³·a²; the sum of the squares adds N·r·2⁻⁵³ relative.
        double bound = (4.0 * dim + count * v.length) * 0x1p-53 * expected[1];
        assertEquals(expected[0], java, bound, "java");
        assertEquals(expected[0], blas, bound, "blas");
        assertEquals(java, blas, Math.max(1e-12 * java, bound), "blas against java");
    }

    @Example
    void theAutoRuleTakesOpenBlasForLargeProductsOnly() {
        assertEquals(JavaDenseProducts.INSTANCE, DenseProducts.choose(1000));
        assertEquals(OpenBlas.available() ? BlasDenseProducts.INSTANCE : JavaDenseProducts.INSTANCE, DenseProducts.choose(1L << 20));
    }
}
