package org.dissect.descent;

import com.aparapi.Kernel;

/**
 * The Aparapi (OpenCL) kernel of {@link OpenClScBatchGradient}, in two passes over one batch of m copies
 * {@code x_p} (rows of {@code x}, length h):
 * <ul>
 *   <li>pass 0, one work-item per anchor p: the Gram row {@code s_pq = <x_p, x_q>}, its stable softmax
 *       over {@code q ≠ p}, the anchor loss {@code log Σ_{q≠p} e^{s_pq} - mean_{positives} s_pq} (in the log1p form
 *       of {@code LogSumExp.minus}), and the
 *       coefficients {@code C_pq = a_pq - [q positive]/|P_p|} (zero row without positives);</li>
 *   <li>pass 1, one work-item per (p, k): {@code grad[p, k] = Σ_q (C_pq + C_qp) x[q, k]}.</li>
 * </ul>
 * Primitive 1-D arrays only, no objects, exceptions, {@code break} or {@code continue} inside {@link #run}.
 */
final class ScBatchClKernel extends Kernel {
    int m;
    int h;
    int pass;
    double[] x = new double[1];
    int[] label = new int[1];
    double[] coef = new double[1];
    double[] loss = new double[1];
    double[] grad = new double[1];

    @Override
    public void run() {
        if (pass == 0) {
            anchor(getGlobalId());
        } else {
            gradient(getGlobalId());
        }
    }

    private void anchor(int p) {
        int row = p * m;
        double max = -1e308;
        int argmax = -1;
        int positives = 0;
        double positiveSum = 0;
        for (int q = 0; q < m; q++) {
            double s = 0;
            for (int k = 0; k < h; k++) {
                s += x[p * h + k] * x[q * h + k];
            }
            coef[row + q] = s;
            if (q != p) {
                if (s > max) {
                    max = s;
                    argmax = q;
                }
                if (label[q] == label[p]) {
                    positives++;
                    positiveSum += s;
                }
            }
        }
        if (positives == 0) {
            for (int q = 0; q < m; q++) {
                coef[row + q] = 0;
            }
            loss[p] = 0;
        } else {
            double rest = 0;
            for (int q = 0; q < m; q++) {
                double e = 0;
                if (q != p) {
                    e = exp(coef[row + q] - max);
                }
                coef[row + q] = e;
                if (q != argmax) {
                    rest += e;
                }
            }
            loss[p] = (max - positiveSum / positives) + log1p(rest);
            double denominator = 1 + rest;
            double share = 1.0 / positives;
            for (int q = 0; q < m; q++) {
                double c = coef[row + q] / denominator;
                if (q != p && label[q] == label[p]) {
                    c -= share;
                }
                coef[row + q] = c;
            }
        }
    }

    private void gradient(int id) {
        int p = id / h;
        int k = id - p * h;
        double g = 0;
        for (int q = 0; q < m; q++) {
            g += (coef[p * m + q] + coef[q * m + p]) * x[q * h + k];
        }
        grad[id] = g;
    }
}
