package org.dissect.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A session reports OpenCL only for kernels that really ran there, and a Java fallback with its reason otherwise. */
class KernelSessionTest {

    /** OpenCL has no recursion, so Aparapi cannot translate this kernel: its compile must fail, never silently run in Java. */
    static final class Untranslatable extends Kernel {
        double[] out = new double[4];

        @Override
        public void run() {
            out[getGlobalId()] = factorial(getGlobalId());
        }

        private int factorial(int n) {
            return n <= 1 ? 1 : n * factorial(n - 1);
        }
    }

    static final class Squares extends Kernel {
        double[] out = new double[4];

        @Override
        public void run() {
            int i = getGlobalId();
            out[i] = (double) i * i;
        }
    }

    @BeforeEach
    void device() {
        OpenClAvailability.assumeDevice();
    }

    @Test
    void aKernelAparapiCannotTranslateIsReportedAsAJavaFallback() {
        try (KernelSession<Untranslatable> s = new KernelSession<>(new Untranslatable())) {
            assertFalse(s.compile());
            assertTrue(s.fellBack());
            assertFalse(s.ranOnOpenCl());
            RanOn ran = s.engine(RanOn.java(3));
            assertEquals(Engine.JAVA, ran.kind());
            assertEquals("3 Java threads", ran.device());
            assertTrue(ran.fallback().startsWith("Aparapi: kernel not compiled for OpenCL"), ran.toString());
        }
    }

    @Test
    void aTranslatableKernelRunsOnTheDeviceAndSaysSo() {
        try (KernelSession<Squares> s = new KernelSession<>(new Squares());
             OpenClRuntime.WarningCapture capture = new OpenClRuntime.WarningCapture()) {
            assertTrue(s.compile());
            assertTrue(s.launch(4, capture));
            s.kernel().get(s.kernel().out);
            assertArrayEquals(new double[] {0, 1, 4, 9}, s.kernel().out);
            assertTrue(s.ranOnOpenCl());
            RanOn ran = s.engine(RanOn.java(1));
            assertEquals(new RanOn(Engine.OPENCL, OpenClRuntime.describe(OpenClRuntime.require()), null), ran);
        }
    }
}
