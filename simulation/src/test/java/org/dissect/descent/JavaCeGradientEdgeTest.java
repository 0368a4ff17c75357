package org.dissect.descent;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java CE engine on one instance across shapes, requested gradients and offsets, 1..2 threads, against the plain reference. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaCeGradientEdgeTest {
    @Test
    void oneInstanceAcrossShapesAndRequestedGradients() {
        for (int threads = 1; threads <= 2; threads++) {
            JavaCeGradient e = new JavaCeGradient(threads);
            BlasCeGradientEdgeTest.check(e);
        }
    }
}
