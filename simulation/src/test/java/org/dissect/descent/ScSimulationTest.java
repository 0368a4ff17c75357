package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.dissect.engine.RanOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edges of {@link ScSimulation#sgdStep} and of the run's timing: the step is checked against a plain transcription of
 * its contract (tangent projection with a one-sum dot, copies of a point applied in batch order, one projection per
 * moved point) on every tail length of the unrolled dot (h = 1..9), with repeated indices that are not adjacent in
 * the batch, and on several threads where a run of copies straddles the row ranges.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScSimulationTest {

    /** An engine whose "gradient" is a fixed pseudo-random function of (copy, coordinate): fully known to the test. */
    private static final class FixedGradient implements ScBatchGradient {
        private final long seed;

        FixedGradient(long seed) {
            this.seed = seed;
        }

        @Override
        public double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < batch.length * dim; i++) {
                grad[i] = r.nextDouble(-1, 1);
            }
            return 3.0 * batch.length;
        }

        @Override
        public RanOn engine() {
            return null;
        }
    }

    private static double[] points(int n, int dim, double rho, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] z = new double[n * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += z[i * dim + k] * z[i * dim + k];
            }
            double f = rho / Math.sqrt(s);
            for (int k = 0; k < dim; k++) {
                z[i * dim + k] *= f;
            }
        }
        return z;
    }

    /** The contract, written out plainly. */
    private static double[] expected(double[] z0, int dim, double rho2, int[] batch, double[] g0, double eta) {
        int b = batch.length;
        double[] z = z0.clone();
        double[] g = g0.clone();
        for (int p = 0; p < b; p++) {
            int off = batch[p] * dim;
            double d = 0;
            for (int k = 0; k < dim; k++) {
                d += z0[off + k] * g0[p * dim + k];
            }
            for (int k = 0; k < dim; k++) {
                g[p * dim + k] = g0[p * dim + k] - d / rho2 * z0[off + k];
            }
        }
        double step = eta / b;
        boolean[] moved = new boolean[z.length / dim];
        for (int p = 0; p < b; p++) {
            int off = batch[p] * dim;
            moved[batch[p]] = true;
            for (int k = 0; k < dim; k++) {
                z[off + k] -= step * g[p * dim + k];
            }
        }
        double rho = Math.sqrt(rho2);
        for (int i = 0; i < moved.length; i++) {
            if (moved[i]) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    s += z[i * dim + k] * z[i * dim + k];
                }
                double f = rho / Math.sqrt(s);
                for (int k = 0; k < dim; k++) {
                    z[i * dim + k] *= f;
                }
            }
        }
        return z;
    }

    private static void check(int n, int dim, int[] batch, int threads, long seed) {
        double rho2 = 2.25;
        double eta = 0.7 * batch.length;
        double[] z0 = points(n, dim, Math.sqrt(rho2), seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        FixedGradient engine = new FixedGradient(seed + 17);
        double[] g0 = new double[batch.length * dim];
        engine.lossAndGradient(z0, dim, labels, batch, g0);
        double[] want = expected(z0, dim, rho2, batch, g0, eta);
        double[] z = z0.clone();
        double[] g = new double[batch.length * dim];
        double loss;
        try (RowParallel rows = new RowParallel(threads)) {
            loss = ScSimulation.sgdStep(z, dim, rho2, labels, batch, engine, g, eta, rows);
        }
        assertEquals(3.0, loss, 1e-15, "mean per-anchor loss");
        for (int i = 0; i < z.length; i++) {
            assertEquals(want[i], z[i], 1e-12, "h=" + dim + " T=" + threads + " coordinate " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void stepMatchesThePlainContractOnEveryTailOfTheDot(int dim) {
        // point 2 appears at positions 0 and 2 (not adjacent), point 0 twice in a row, point 4 not at all
        int[] batch = {2, 0, 2, 1, 0, 3};
        check(5, dim, batch, 1, 100 + dim);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void runsOfCopiesStraddlingTheThreadsRangesAreAppliedOnce(int threads) {
        // h = 16384 makes the grain one copy, so b = 4..6 copies are split between the threads; the last point's
        // copies run to the end of the sorted order and start inside a later range
        int dim = 16_384;
        check(3, dim, new int[] {0, 1, 1, 1}, threads, 7);
        check(3, dim, new int[] {1, 2, 0, 2, 2, 2}, threads, 8);
        check(3, dim, new int[] {2, 2, 2, 2, 2, 0}, threads, 9);
    }

    @Test
    void anEngineWithoutAThreadCountRunsSgdOnOneThread() {
        FixedGradient engine = new FixedGradient(1);
        assertEquals(1, engine.threads(), "ScBatchGradient's default thread count");
        ScSimulation.Settings s = new ScSimulation.Settings(2, 2, 2, 3, 1.0, ScMode.SAMPLED, 3, 0.1, 0, 4);
        ScSimulation.Result r = ScSimulation.run(s, ScSimulation.initialPoints(s), engine, null, StepListener.NONE);
        assertEquals(3, r.steps());
        assertEquals(3.0, r.trace().last(), 1e-15);
    }

    @Test
    void timingOfARunIsWithinTheWallClockAroundIt() {
        ScSimulation.Settings s = new ScSimulation.Settings(2, 3, 3, 4, 1.0, ScMode.SAMPLED, 20, 0.1, 0, 5);
        double[] start = ScSimulation.initialPoints(s);
        long t0 = System.nanoTime();
        ScSimulation.Result r;
        try (JavaScBatchGradient e = new JavaScBatchGradient(1)) {
            r = ScSimulation.run(s, start, e, null, StepListener.NONE);
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        assertTrue(r.seconds() > 0 && r.seconds() <= wall, "seconds " + r.seconds() + " vs wall " + wall);
        assertTrue(r.stepsPerSecond() >= r.steps() / wall && Double.isFinite(r.stepsPerSecond()),
            "steps/s " + r.stepsPerSecond() + " vs " + r.steps() / wall);
    }
}
