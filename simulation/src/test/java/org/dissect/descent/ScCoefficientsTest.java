package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ScCoefficients} against a plain transcription of its definition: per-anchor loss
 * {@code -1/|P_p| Σ_{q∈P_p} log(e^{s_pq} / Σ_{r≠p} e^{s_pr})} and {@code C_pq = a_pq - [q∈P_p]/|P_p|}; the tiled
 * transposes against whole-matrix loops, at batch sizes on either side of the 32-wide tiles and row grain, on 1..3
 * threads, with one instance reused across growing and shrinking sizes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScCoefficientsTest {
    private static final int[] SIZES = {1, 2, 3, 5, 31, 32, 33, 34, 63, 64, 65, 66, 97, 130};

    private static double[] gram(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = new double[m * m];
        for (int p = 0; p < m; p++) {
            for (int q = p; q < m; q++) {
                double v = r.nextDouble(-2, 2);
                s[p * m + q] = v;
                s[q * m + p] = v;
            }
        }
        return s;
    }

    private static int[] labelsOf(int m, int classes) {
        int[] l = new int[m];
        for (int i = 0; i < m; i++) {
            l[i] = (i * 7 + i / 3) % classes;
        }
        return l;
    }

    /** Plain C (not symmetrised) and the loss, into c; returns the loss. */
    private static double plain(double[] s, int m, int[] label, double[] c) {
        double loss = 0;
        for (int p = 0; p < m; p++) {
            int positives = 0;
            for (int q = 0; q < m; q++) {
                if (q != p && label[q] == label[p]) {
                    positives++;
                }
            }
            if (positives == 0) {
                continue;
            }
            double z = 0;
            for (int q = 0; q < m; q++) {
                if (q != p) {
                    z += Math.exp(s[p * m + q]);
                }
            }
            for (int q = 0; q < m; q++) {
                if (q == p) {
                    continue;
                }
                double a = Math.exp(s[p * m + q]) / z;
                boolean pos = label[q] == label[p];
                c[p * m + q] = a - (pos ? 1.0 / positives : 0);
                if (pos) {
                    loss -= Math.log(a) / positives;
                }
            }
        }
        return loss;
    }

    private static void check(ScCoefficients coefficients, int m, int classes, long seed) {
        double[] s = gram(m, seed);
        int[] labels = labelsOf(m, classes);
        // a batch that reads the labels through a permutation of a larger label array
        int[] all = new int[m + 3];
        int[] batch = new int[m];
        for (int p = 0; p < m; p++) {
            batch[p] = m + 2 - p;
            all[batch[p]] = labels[p];
        }
        double[] want = new double[m * m];
        double loss = plain(s, m, labels, want);
        for (boolean symmetric : new boolean[] {false, true}) {
            double[] c = new double[m * m];
            java.util.Arrays.fill(c, Double.NaN);
            double got = coefficients.compute(s.clone(), m, all, batch, c, symmetric);
            assertEquals(loss, got, 1e-12 * Math.max(1, Math.abs(loss)), "loss m=" + m);
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    double w = symmetric ? want[p * m + q] + want[q * m + p] : want[p * m + q];
                    assertEquals(w, c[p * m + q], 1e-13, "m=" + m + " sym=" + symmetric + " (" + p + "," + q + ")");
                }
            }
        }
        // in place: c is s
        double[] inPlace = s.clone();
        assertEquals(loss, coefficients.compute(inPlace, m, all, batch, inPlace, false), 1e-12 * Math.max(1, Math.abs(loss)));
        for (int i = 0; i < m * m; i++) {
            assertEquals(want[i], inPlace[i], 1e-13);
        }
    }

    @Test
    void coefficientsAndLossMatchTheDefinitionOnOneToThreeThreads() {
        for (int threads = 1; threads <= 3; threads++) {
            try (RowParallel rows = new RowParallel(threads)) {
                ScCoefficients fresh = new ScCoefficients(rows);
                // big, small, big on one instance: buffers reused with smaller and larger shapes
                for (int m : new int[] {130, 3, 97, 1, 66, 2}) {
                    check(fresh, m, 3, 31L * m + threads);
                }
                for (int m : SIZES) {
                    check(new ScCoefficients(rows), m, m % 2 == 0 ? 4 : 2, 17L * m);
                }
            }
        }
    }

    @Test
    void anchorsWithoutPositivesHaveZeroRowsAndNoLoss() {
        try (RowParallel rows = new RowParallel(1)) {
            // every label distinct except 0 and 2
            int m = 4;
            double[] s = gram(m, 3);
            int[] labels = {5, 6, 5, 7};
            double[] c = new double[m * m];
            java.util.Arrays.fill(c, Double.NaN);
            double loss = new ScCoefficients(rows).compute(s, m, labels, new int[] {0, 1, 2, 3}, c, false);
            double[] want = new double[m * m];
            assertEquals(plain(s, m, labels, want), loss, 1e-13);
            for (int i = 0; i < m * m; i++) {
                assertEquals(want[i], c[i], 1e-14, "entry " + i);
            }
        }
    }

    @Test
    void symmetriseAndMirrorMatchWholeMatrixLoopsAtTileEdges() {
        for (int threads = 1; threads <= 3; threads++) {
            try (RowParallel rows = new RowParallel(threads)) {
                ScCoefficients co = new ScCoefficients(rows);
                for (int m : SIZES) {
                    SplittableRandom r = new SplittableRandom(m * 13L + threads);
                    double[] a = new double[m * m];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = r.nextDouble(-1, 1);
                    }
                    for (int p = 0; p < m; p++) {
                        a[p * m + p] = 0; // as C has it (symmetrise leaves the diagonal alone)
                    }
                    double[] sym = a.clone();
                    co.symmetrise(sym, m);
                    double[] mir = a.clone();
                    for (int p = 0; p < m; p++) {
                        for (int q = 0; q < p; q++) {
                            mir[p * m + q] = Double.NaN;
                        }
                    }
                    co.mirrorUpper(mir, m);
                    for (int p = 0; p < m; p++) {
                        for (int q = 0; q < m; q++) {
                            assertEquals(a[p * m + q] + a[q * m + p], sym[p * m + q], 0,
                                "symmetrise m=" + m + " T=" + threads + " (" + p + "," + q + ")");
                            double upper = p <= q ? a[p * m + q] : a[q * m + p];
                            assertEquals(upper, mir[p * m + q], 0,
                                "mirror m=" + m + " T=" + threads + " (" + p + "," + q + ")");
                        }
                    }
                }
            }
        }
    }
}
