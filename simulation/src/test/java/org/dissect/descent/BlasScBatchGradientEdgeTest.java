package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenBLAS SC engine, double and float products, on one instance called with growing and shrinking shapes (batch
 * and dimension on both sides of each other, so that either term of the float work array's size is the larger),
 * each against {@link PlainReference#supervisedContrastive}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlasScBatchGradientEdgeTest {
    /**
     * (points, batch m, dimension h): m·h above and below m², shapes up and down; the second needs more floats than
     * the first left (m·h grows while m² stays below).
     */
    static final int[][] SHAPES = {{4, 3, 10}, {5, 4, 10}, {12, 40, 2}, {3, 2, 1}, {6, 5, 30}, {20, 70, 3}, {5, 4, 9}, {9, 33, 34}};

    static void check(ScBatchGradient engine, double tolerance) {
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int m = shape[1];
            int dim = shape[2];
            double[] z = PlainReference.random(n * dim, 31L * m + dim);
            for (int i = 0; i < z.length; i++) {
                z[i] *= 0.6;
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 3;
            }
            int[] batch = new int[m];
            for (int p = 0; p < m; p++) {
                batch[p] = (p * 5 + 1) % n;
            }
            double[] want = new double[m * dim];
            double loss = PlainReference.supervisedContrastive(z, dim, labels, batch, want);
            double[] got = new double[m * dim];
            java.util.Arrays.fill(got, Double.NaN);
            String at = "m=" + m + " h=" + dim;
            assertEquals(loss, engine.lossAndGradient(z, dim, labels, batch, got), tolerance * m * Math.max(1, loss), at);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i], got[i], tolerance * m, at + " gradient " + i);
            }
            assertEquals(loss, engine.lossAndGradient(z, dim, labels, batch, null), tolerance * m * Math.max(1, loss), at);
        }
    }

    @Test
    void doubleProductsOnOneInstanceAcrossShapes() {
        assumeTrue(OpenBlas.available());
        for (int threads = 1; threads <= 2; threads++) {
            try (BlasScBatchGradient e = new BlasScBatchGradient(threads)) {
                check(e, 1e-11);
            }
        }
    }

    @Test
    void floatProductsOnOneInstanceAcrossShapes() {
        assumeTrue(OpenBlas.available());
        try (BlasScBatchGradient e = new BlasScBatchGradient(1, Precision.FLOAT)) {
            check(e, 2e-5);
        }
    }

    @Test
    void closeStopsTheRowWorkers() throws InterruptedException {
        assumeTrue(OpenBlas.available());
        EngineThreads.closeStopsTheRowWorkers(new BlasScBatchGradient(3));
    }
}
