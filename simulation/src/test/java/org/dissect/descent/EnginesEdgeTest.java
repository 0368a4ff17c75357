package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What {@code auto} reports when OpenBLAS is unavailable: the Java fallback carries the reason exactly for products of
 * at least {@link Engines#BLAS_MIN_FLOPS} multiply-adds (b²·h for SC, N·K·h for CE), and an explicit {@code java}
 * choice never does. The natives' load result is replaced for the test (OpenBLAS's cached failure) and restored.
 */
@Isolated
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnginesEdgeTest {
    private static final String REASON = "natives withheld by the test";

    @Test
    void autoReportsTheMissingBlasExactlyAtAndAboveTheThreshold() throws Exception {
        OpenBlas.unavailable();
        Field failure = OpenBlas.class.getDeclaredField("failure");
        failure.setAccessible(true);
        Object saved = failure.get(null);
        failure.set(null, Optional.of(REASON));
        try {
            // b²·h = 16·16·4 = 1024 = BLAS_MIN_FLOPS; 15·15·4 = 900 below; h = 4 tells b·b·h from b·b/h and b/b·h
            assertEquals(1024, Engines.BLAS_MIN_FLOPS);
            assertEquals(REASON, fallbackOf(Engines.scBatch(Engine.AUTO, 1, 16, 4)));
            assertNull(fallbackOf(Engines.scBatch(Engine.AUTO, 1, 15, 4)));
            assertNull(fallbackOf(Engines.scBatch(Engine.JAVA, 1, 16, 4)));
            // N·K·h = 64·4·4 = 1024; 63·4·4 below
            assertEquals(REASON, fallbackOf(Engines.crossEntropy(Engine.AUTO, 1, 64, 4, 4)));
            assertNull(fallbackOf(Engines.crossEntropy(Engine.AUTO, 1, 63, 4, 4)));
            assertNull(fallbackOf(Engines.crossEntropy(Engine.JAVA, 1, 64, 4, 4)));
        } finally {
            failure.set(null, saved);
        }
    }

    private static String fallbackOf(AutoCloseable engine) throws Exception {
        try (engine) {
            RanOn on = engine instanceof ScBatchGradient sc ? sc.engine() : ((CeGradient) engine).engine();
            assumeTrue(on.kind() == Engine.JAVA, "a GPU OpenCL device takes auto: " + on);
            return on.fallback();
        }
    }
}
