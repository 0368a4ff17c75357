package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;
import org.junit.jupiter.api.Test;

/** Both {@link Gemm} engines against a triple loop written from the definition, for every transposition. */
class GemmTest {
    /** {@code C = op(A) op(B)} by the definition, long double accumulation not needed at these sizes. */
    static double[] reference(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    @Property(tries = 80)
    void bothEnginesComputeTheProduct(@ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 40) int n,
                                      @ForAll @IntRange(min = 1, max = 40) int k, @ForAll boolean ta, @ForAll boolean tb,
                                      @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        // arrays longer than needed, as the encoder's workspaces are: only the first m·n entries of C may change
        double[] a = MlpGradientProperties.gaussian(rng, m * k + 3);
        double[] b = MlpGradientProperties.gaussian(rng, k * n + 5);
        double[] want = reference(ta, tb, m, n, k, a, b);
        Engine[] engines = OpenBlas.available() ? new Engine[] {Engine.JAVA, Engine.BLAS} : new Engine[] {Engine.JAVA};
        for (Engine e : engines) {
            try (Gemm g = GemmEngines.open(e, 1)) {
                double[] c = new double[m * n + 2];
                c[m * n] = 7;
                c[m * n + 1] = 8;
                g.multiply(ta, tb, m, n, k, a, b, c);
                for (int i = 0; i < m * n; i++) {
                    // k products of O(1) Gaussians: rounding error below k·2^-52·Σ|a||b|, far below 1e-12·k
                    assertEquals(want[i], c[i], 1e-12 * k, e + " entry " + i);
                }
                assertEquals(7, c[m * n]);
                assertEquals(8, c[m * n + 1]);
            }
        }
    }

    @Test
    void autoRunsOnOpenBlasWhereItLoadsAndSaysWhyNotElsewhere() {
        try (Gemm g = GemmEngines.open(Engine.AUTO, 1)) {
            if (OpenBlas.available()) {
                assertEquals(Engine.BLAS, g.engine().kind());
            } else {
                assertEquals(Engine.JAVA, g.engine().kind());
                assertEquals(OpenBlas.unavailable().orElseThrow(), g.engine().fallback());
            }
        }
    }

    @Test
    void theBlasEngineReportsItself() {
        assumeTrue(OpenBlas.available());
        try (Gemm g = GemmEngines.open(Engine.BLAS, 2)) {
            assertEquals(Engine.BLAS, g.engine().kind());
            assertEquals(null, g.engine().fallback());
        }
        try (Gemm g = GemmEngines.open(Engine.JAVA, 2)) {
            assertEquals("java on 1 Java thread", g.engine().toString());
        }
    }
}
