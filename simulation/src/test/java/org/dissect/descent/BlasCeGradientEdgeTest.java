package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.dissect.blas.OpenBlas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenBLAS CE engine against {@link PlainReference#crossEntropy}: point counts at and either side of its
 * 128-row block and its multiples, every combination of requested gradients, points at an offset, one instance reused
 * across growing and shrinking shapes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlasCeGradientEdgeTest {
    /** (N, K, h). */
    static final int[][] SHAPES = {{129, 3, 5}, {1, 2, 1}, {127, 4, 3}, {256, 3, 2}, {128, 5, 7}, {7, 2, 9}, {257, 3, 4}};

    static void check(CeGradient engine) {
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int classes = shape[1];
            int dim = shape[2];
            int size = n * dim;
            double[] z = PlainReference.random(size, 7L * n + dim);
            double[] w = PlainReference.random(classes * dim, 11L * n + classes);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (i * 7 + 1) % classes;
            }
            double[] gzWant = new double[size];
            double[] gwWant = new double[classes * dim];
            double loss = PlainReference.crossEntropy(z, w, labels, classes, dim, gzWant, gwWant);
            String at = "N=" + n + " K=" + classes + " h=" + dim;
            for (int mask = 0; mask < 4; mask++) {
                for (int from : new int[] {0, 3}) {
                    double[] zz = new double[from + size + 2];
                    System.arraycopy(z, 0, zz, from, size);
                    double[] gz = (mask & 1) == 0 ? null : new double[zz.length];
                    double[] gw = (mask & 2) == 0 ? null : new double[classes * dim];
                    if (gz != null) {
                        java.util.Arrays.fill(gz, Double.NaN);
                    }
                    if (gw != null) {
                        java.util.Arrays.fill(gw, Double.NaN);
                    }
                    double got = engine.lossAndGradient(zz, from, w, labels, classes, dim, gz, gw);
                    assertEquals(loss, got, 1e-12 * Math.max(1, loss), at + " mask=" + mask + " from=" + from);
                    if (gz != null) {
                        for (int i = 0; i < size; i++) {
                            assertEquals(gzWant[i], gz[from + i], 1e-13, at + " gz " + i);
                        }
                        for (int i = 0; i < from; i++) {
                            assertEquals(Double.NaN, gz[i], at + " gz before the points");
                        }
                        assertEquals(Double.NaN, gz[from + size], at + " gz after the points");
                    }
                    if (gw != null) {
                        for (int i = 0; i < gw.length; i++) {
                            assertEquals(gwWant[i], gw[i], 1e-13, at + " gw " + i);
                        }
                    }
                }
            }
            // the offset-free form (points array of exactly N·h: the Java engine works in place), each gradient request
            for (int mask = 0; mask < 4; mask++) {
                double[] gz = (mask & 1) == 0 ? null : new double[size];
                double[] gw = (mask & 2) == 0 ? null : new double[classes * dim];
                assertEquals(loss, engine.lossAndGradient(z.clone(), w, labels, classes, dim, gz, gw),
                    1e-12 * Math.max(1, loss), at + " in place, mask=" + mask);
                for (int i = 0; gz != null && i < size; i++) {
                    assertEquals(gzWant[i], gz[i], 1e-13, at + " gz " + i);
                }
                for (int i = 0; gw != null && i < gw.length; i++) {
                    assertEquals(gwWant[i], gw[i], 1e-13, at + " gw " + i);
                }
            }
        }
    }

    @Test
    void oneInstanceAcrossShapesBlocksAndRequestedGradients() {
        assumeTrue(OpenBlas.available());
        for (int threads = 1; threads <= 2; threads++) {
            try (BlasCeGradient e = new BlasCeGradient(threads)) {
                check(e);
            }
        }
    }
}
