package org.dissect.descent;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java SC engine on one instance across growing and shrinking shapes, 1..3 threads, against the plain reference. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaScBatchGradientEdgeTest {
    @Test
    void oneInstanceAcrossShapesAndThreads() {
        for (int threads = 1; threads <= 3; threads++) {
            try (JavaScBatchGradient e = new JavaScBatchGradient(threads)) {
                BlasScBatchGradientEdgeTest.check(e, 1e-11);
            }
        }
    }

    @Test
    void closeStopsTheRowWorkers() throws InterruptedException {
        EngineThreads.closeStopsTheRowWorkers(new JavaScBatchGradient(3));
    }
}
