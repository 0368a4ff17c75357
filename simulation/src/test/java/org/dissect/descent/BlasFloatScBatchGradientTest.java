package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.dissect.engine.Engine;
import org.dissect.engine.Precision;
import org.junit.jupiter.api.Test;

/**
 * The OpenBLAS engine with float products against the double reference; ε = 2⁻²⁴, a the largest coordinate, m the
 * batch. Each Gram entry, a sum of h products of coordinates rounded to float, is off by at most
 * {@code (h + 2)·h·a²·ε} (two roundings of the coordinates, and float accumulation, {@code γ_h ≤ h·ε}, of terms summing
 * to at most {@code h·a²}); an anchor's term moves by at most twice that and the loss by m times it. A gradient entry
 * {@code Σ_q (C_pq + C_qp) x_q} moves through C by {@code 4·gramError·(2 + m)·a}, and through the float product by at
 * most {@code (1 + m)·ε·Σ_q |C_pq + C_qp|·a ≤ (1 + m)(2 + m)·a·ε} (the row of |C| sums to at most 2, its column to at
 * most m). These are bounds; the typical error is about √h times smaller. (An earlier bound without the
 * accumulation and product terms failed about once in a hundred random cases.)
 */
class BlasFloatScBatchGradientTest {
    private static final double FLOAT_EPSILON = Math.ulp(1.0f) / 2;

    @Property(tries = 40)
    void floatProductsAgreeWithDoubleToTheFloatRounding(@ForAll long seed, @ForAll @IntRange(min = 2, max = 60) int points,
                                                          @ForAll @IntRange(min = 1, max = 96) int dim,
                                                          @ForAll @IntRange(min = 1, max = 6) int classes,
                                                          @ForAll @IntRange(min = 2, max = 80) int batchSize,
                                                          @ForAll @DoubleRange(min = 0.1, max = 1.5) double scale) {
        ScBatchGradientContract.Case c = ScBatchGradientContract.Case.random(seed, points, dim, classes, batchSize);
        double[] z = c.z();
        double a = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
            a = Math.max(a, Math.abs(z[i]));
        }
        double gramError = (dim + 2.0) * dim * a * a * FLOAT_EPSILON;
        double productError = (1.0 + batchSize) * (2 + batchSize) * a * FLOAT_EPSILON;
        double[] expectedGrad = new double[batchSize * dim];
        double[] actualGrad = new double[batchSize * dim];
        double expected = new JavaScBatchGradient().lossAndGradient(z, dim, c.labels(), c.batch(), expectedGrad);
        try (BlasScBatchGradient single = new BlasScBatchGradient(1, Precision.FLOAT)) {
            double actual = single.lossAndGradient(z, dim, c.labels(), c.batch(), actualGrad);
            assertEquals(expected, actual, 4 * batchSize * gramError + 1e-12, "loss");
            for (int i = 0; i < expectedGrad.length; i++) {
                assertEquals(expectedGrad[i], actualGrad[i], 4 * gramError * (2 + batchSize) * a + productError + 1e-12,
                    "gradient " + i);
            }
            assertTrue(single.engine().device().endsWith("float32 products"), single.engine().toString());
        }
    }

    @Test
    void aSampledRunInFloatEndsWhereTheDoubleRunEnds() {
        ScSimulation.Settings s = new ScSimulation.Settings(10, 100, 128, 256, 10, ScMode.SAMPLED, 200, 1.0, 0, 3L);
        double[] start = ScSimulation.initialPoints(s);
        ScSimulation.Result dbl;
        ScSimulation.Result flt;
        try (ScBatchGradient e = Engines.scBatch(Engine.BLAS, 1, s.batch(), s.dim())) {
            dbl = ScSimulation.run(s, start, e, null, StepListener.NONE);
        }
        try (ScBatchGradient e = Engines.scBatch(Engine.AUTO, 1, s.batch(), s.dim(), Precision.FLOAT)) {
            flt = ScSimulation.run(s, start, e, null, StepListener.NONE);
        }
        // 200 steps of SGD amplify the float rounding of each step a little; the mean batch loss agrees to 1e-4.
        assertEquals(dbl.trace().last(), flt.trace().last(), 1e-4 * Math.abs(dbl.trace().last()));
    }

    @Test
    void floatExistsInTheBlasEngineOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Engines.scBatch(Engine.JAVA, 1, 8, 2, Precision.FLOAT));
        assertEquals("--precision float needs --engine blas (or auto), got --engine java", e.getMessage());
    }
}
