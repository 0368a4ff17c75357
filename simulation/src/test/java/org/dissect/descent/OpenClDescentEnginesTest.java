package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.opencl.OpenClAvailability;
import org.dissect.opencl.OpenClRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A whole descent on the OpenCL kernels reaches the Java engine's optimum (the kernels themselves run the shared
 * suites: {@link OpenClScBatchGradientTest}, {@link OpenClCeGradientTest}).
 */
class OpenClDescentEnginesTest {

    @BeforeEach
    void device() {
        OpenClAvailability.assumeDevice();
    }

    @ParameterizedTest
    @CsvSource({"3,100,2,1.0,0.01"})
    void crossEntropyDescentOnOpenClReachesTheSameOptimum(int classes, int perClass, int dim, double rho, double lambda) {
        CeSimulation.Settings s = new CeSimulation.Settings(classes, perClass, dim, rho, lambda, false, 20000, 0.1, 1e-13, 3L);
        CeSimulation.Result java = CeSimulation.run(s, new JavaCeGradient(), StepListener.NONE);
        try (OpenClCeGradient cl = new OpenClCeGradient(1)) {
            CeSimulation.Result ocl = CeSimulation.run(s, cl, StepListener.NONE);
            assertEquals(new RanOn(Engine.OPENCL, OpenClRuntime.describe(OpenClRuntime.require()), null), ocl.engine());
            assertEquals(java.loss(), ocl.loss(), 1e-12);
        }
    }
}
