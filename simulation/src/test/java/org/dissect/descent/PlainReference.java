package org.dissect.descent;

import java.util.SplittableRandom;

/** Straightforward transcriptions of the CE and SC batch losses and gradients (Definitions 1 and 2), for the edge tests. */
final class PlainReference {
    private PlainReference() {
    }

    static double[] random(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[length];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    /** Mean cross-entropy; fills gz (N·h) and gw (K·h) when not null. */
    static double crossEntropy(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        int n = labels.length;
        double loss = 0;
        if (gz != null) {
            java.util.Arrays.fill(gz, 0);
        }
        if (gw != null) {
            java.util.Arrays.fill(gw, 0);
        }
        for (int i = 0; i < n; i++) {
            double[] l = new double[classes];
            double zsum = 0;
            for (int k = 0; k < classes; k++) {
                for (int d = 0; d < dim; d++) {
                    l[k] += z[i * dim + d] * w[k * dim + d];
                }
                zsum += Math.exp(l[k]);
            }
            loss += Math.log(zsum) - l[labels[i]];
            for (int k = 0; k < classes; k++) {
                double r = (Math.exp(l[k]) / zsum - (k == labels[i] ? 1 : 0)) / n;
                for (int d = 0; d < dim; d++) {
                    if (gz != null) {
                        gz[i * dim + d] += r * w[k * dim + d];
                    }
                    if (gw != null) {
                        gw[k * dim + d] += r * z[i * dim + d];
                    }
                }
            }
        }
        return loss / n;
    }

    /** The SC batch loss ℓ_SC(Z; Y, B) and its gradient with respect to each copy's point (b·h), when grad is not null. */
    static double supervisedContrastive(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        int m = batch.length;
        double[][] c = new double[m][m];
        double loss = 0;
        for (int p = 0; p < m; p++) {
            int positives = 0;
            for (int q = 0; q < m; q++) {
                if (q != p && labels[batch[q]] == labels[batch[p]]) {
                    positives++;
                }
            }
            if (positives == 0) {
                continue;
            }
            double[] s = new double[m];
            double sum = 0;
            for (int q = 0; q < m; q++) {
                for (int d = 0; d < dim; d++) {
                    s[q] += z[batch[p] * dim + d] * z[batch[q] * dim + d];
                }
                if (q != p) {
                    sum += Math.exp(s[q]);
                }
            }
            for (int q = 0; q < m; q++) {
                if (q == p) {
                    continue;
                }
                boolean pos = labels[batch[q]] == labels[batch[p]];
                c[p][q] = Math.exp(s[q]) / sum - (pos ? 1.0 / positives : 0);
                if (pos) {
                    loss -= (s[q] - Math.log(sum)) / positives;
                }
            }
        }
        if (grad != null) {
            for (int p = 0; p < m; p++) {
                for (int d = 0; d < dim; d++) {
                    double g = 0;
                    for (int q = 0; q < m; q++) {
                        g += (c[p][q] + c[q][p]) * z[batch[q] * dim + d];
                    }
                    grad[p * dim + d] = g;
                }
            }
        }
        return loss;
    }
}
