package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Enumeration;
import org.junit.jupiter.api.Test;

/** The registry: which implementation serves which choice, and one-line refusals for the choices it does not serve. */
class EnginesTest {

    @Test
    void naiveIsAnEnumerationEngineOnly() {
        IllegalArgumentException sc = assertThrows(IllegalArgumentException.class, () -> Engines.scBatch(Engine.NAIVE, 1, 8, 2));
        assertEquals("--engine naive is not available for the SC batch gradient: use auto, java, blas or opencl", sc.getMessage());
        IllegalArgumentException ce = assertThrows(IllegalArgumentException.class,
            () -> Engines.crossEntropy(Engine.NAIVE, 1, 30, 3, 2));
        assertEquals("--engine naive is not available for the cross-entropy gradient: use auto, java, blas or opencl", ce.getMessage());
    }

    @Test
    void blasHasNoEnumeration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engines.enumeration(Engine.BLAS, 1));
        assertEquals("--engine blas is not available for the exact enumeration: use auto, java, opencl or naive", e.getMessage());
    }

    @Test
    void javaAndBlasAreWhatTheySay() {
        try (ScBatchGradient java = Engines.scBatch(Engine.JAVA, 2, 256, 512);
             ScBatchGradient blas = Engines.scBatch(Engine.BLAS, 1, 8, 2);
             CeGradient ceBlas = Engines.crossEntropy(Engine.BLAS, 2, 30, 3, 2);
             Enumeration enumeration = Engines.enumeration(Engine.JAVA, 3)) {
            assertEquals(RanOn.java(2), java.engine());
            assertEquals(Engine.BLAS, blas.engine().kind());
            assertEquals(Engine.BLAS, ceBlas.engine().kind());
            assertEquals(RanOn.java(3), enumeration.engine());
        }
    }

    @Test
    void autoKeepsTinyProductsOnJavaAndSendsTheRestToOpenBlasWithoutAnAccelerator() {
        try (ScBatchGradient fig5 = Engines.scBatch(Engine.AUTO, 2, 9, 2);
             ScBatchGradient fig1 = Engines.scBatch(Engine.AUTO, 2, 300, 2);
             ScBatchGradient cifar = Engines.scBatch(Engine.AUTO, 2, 256, 512);
             CeGradient ce = Engines.crossEntropy(Engine.AUTO, 2, 300, 3, 2)) {
            if (org.dissect.opencl.OpenClRuntime.device().filter(d -> d.getType() != com.aparapi.device.Device.TYPE.CPU).isEmpty()) {
                assertEquals(RanOn.java(2), fig5.engine());
                assertNull(fig5.engine().fallback());
                assertEquals(Engine.BLAS, fig1.engine().kind());
                assertEquals(Engine.BLAS, cifar.engine().kind());
                assertEquals(Engine.BLAS, ce.engine().kind());
            }
        }
    }
}
