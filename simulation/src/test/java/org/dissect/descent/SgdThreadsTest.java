package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dissect.engine.Engine;
import org.junit.jupiter.api.Test;

/**
 * A seed and a thread count reproduce a sampled run. Java gives the same bits on any number of threads (the row
 * loops give each row to one thread, EJML's concurrent products split their output); OpenBLAS may split a product's
 * sums differently on another thread count, so there the runs agree to rounding (1e-12 here, after 30 steps).
 * Batches of 128 in 512-D are large enough for every row loop to split; drawn from 30 points they repeat indices,
 * which exercises the per-point runs of the update.
 */
class SgdThreadsTest {
    private static final ScSimulation.Settings SETTINGS =
        new ScSimulation.Settings(3, 10, 512, 128, 4, ScMode.SAMPLED, 30, 1.0, 0, 7L);

    private static double[] run(Engine kind, int threads) {
        try (ScBatchGradient e = Engines.scBatch(kind, threads, SETTINGS.batch(), SETTINGS.dim())) {
            ScSimulation.Result r = ScSimulation.run(SETTINGS, ScSimulation.initialPoints(SETTINGS), e, null, StepListener.NONE);
            assertEquals(kind, r.engine().kind());
            return r.points();
        }
    }

    @Test
    void javaGivesTheSameBitsOnOneAndThreeThreads() {
        assertArrayEquals(run(Engine.JAVA, 1), run(Engine.JAVA, 3), 0.0);
    }

    @Test
    void blasReproducesARunAtAFixedThreadCountAndAgreesToRoundingAcrossThreadCounts() {
        double[] three = run(Engine.BLAS, 3);
        assertArrayEquals(three, run(Engine.BLAS, 3), 0.0);
        assertArrayEquals(run(Engine.BLAS, 1), three, 1e-12);
        assertArrayEquals(run(Engine.JAVA, 1), three, 1e-12);
    }
}
