package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.opencl.OpenClAvailability;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OpenCL descent kernels agree with the Java engines and really ran on the OpenCL device. */
class OpenClDescentEnginesTest {

    @BeforeEach
    void device() {
        OpenClAvailability.assumeDevice();
    }

    @ParameterizedTest
    @CsvSource({"1,12,2,3,9,1.0", "2,40,16,4,30,2.0", "3,7,5,7,12,0.3", "4,64,64,10,48,3.16"})
    void scBatchKernelAgreesWithJavaAndRanOnOpenCl(long seed, int points, int dim, int classes, int batchSize, double rho) {
        UniformRandomProvider rng = ScSimulation.stream(seed);
        double[] z = Points.uniformOnSphere(points, dim, rho, rng);
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            labels[i] = rng.nextInt(classes);
        }
        int[] batch = new int[batchSize];
        for (int p = 0; p < batchSize; p++) {
            batch[p] = rng.nextInt(points);
        }
        double[] javaGrad = new double[batchSize * dim];
        double[] clGrad = new double[batchSize * dim];
        double expected = new JavaScBatchGradient().lossAndGradient(z, dim, labels, batch, javaGrad);
        try (OpenClScBatchGradient cl = new OpenClScBatchGradient()) {
            double actual = cl.lossAndGradient(z, dim, labels, batch, clGrad);
            assertTrue(cl.ranOnOpenCl(), cl.engine());
            assertTrue(cl.engine().startsWith("opencl ("), cl.engine());
            // Same operations in a different order (EJML blocks vs one loop per work-item): 1e-12 relative.
            assertEquals(expected, actual, 1e-12 * Math.abs(expected));
            for (int i = 0; i < javaGrad.length; i++) {
                assertEquals(javaGrad[i], clGrad[i], 1e-12 * Math.max(1, Math.abs(javaGrad[i])), "gradient " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,30,2,3,0.01", "2,50,8,5,0.1", "3,20,3,10,1.0"})
    void crossEntropyKernelAgreesWithJavaAndRanOnOpenCl(long seed, int points, int dim, int classes, double scale) {
        UniformRandomProvider rng = ScSimulation.stream(seed);
        double[] z = Points.uniformInBall(points, dim, 1.0, rng);
        double[] w = Points.uniformInBall(classes, dim, 1 / scale, rng);
        int[] labels = new int[points];
        for (int i = 0; i < points; i++) {
            labels[i] = i % classes;
        }
        double[] gz1 = new double[z.length];
        double[] gw1 = new double[w.length];
        double[] gz2 = new double[z.length];
        double[] gw2 = new double[w.length];
        double expected = new JavaCeGradient().lossAndGradient(z, w, labels, classes, dim, gz1, gw1);
        try (OpenClCeGradient cl = new OpenClCeGradient()) {
            double actual = cl.lossAndGradient(z, w, labels, classes, dim, gz2, gw2);
            assertTrue(cl.ranOnOpenCl(), cl.engine());
            assertEquals(expected, actual, 1e-12 * Math.abs(expected));
            for (int i = 0; i < gz1.length; i++) {
                assertEquals(gz1[i], gz2[i], 1e-14, "point gradient " + i);
            }
            for (int i = 0; i < gw1.length; i++) {
                assertEquals(gw1[i], gw2[i], 1e-14, "weight gradient " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3,100,2,1.0,0.01"})
    void crossEntropyDescentOnOpenClReachesTheSameOptimum(int classes, int perClass, int dim, double rho, double lambda) {
        CeSimulation.Settings s = new CeSimulation.Settings(classes, perClass, dim, rho, lambda, false, 20000, 0.1, 1e-13, 3L);
        CeSimulation.Result java = CeSimulation.run(s, new JavaCeGradient(), StepListener.NONE);
        try (OpenClCeGradient cl = new OpenClCeGradient()) {
            CeSimulation.Result ocl = CeSimulation.run(s, cl, StepListener.NONE);
            assertTrue(cl.ranOnOpenCl(), ocl.engine());
            assertEquals(java.loss(), ocl.loss(), 1e-12);
        }
    }
}
