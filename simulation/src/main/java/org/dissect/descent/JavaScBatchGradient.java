package org.dissect.descent;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@link ScBatchGradient} on the JVM: the Gram matrix {@code X Xᵀ} and the gradient {@code (C + Cᵀ) X}
 * are EJML dense products ({@code CommonOps_DDRM}); the row softmax is a stable log-sum-exp per anchor.
 * Not thread-safe (it reuses its work matrices).
 */
public final class JavaScBatchGradient implements ScBatchGradient {
    private final DMatrixRMaj x = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gram = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj coef = new DMatrixRMaj(1, 1);

    @Override
    public double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        int m = batch.length;
        x.reshape(m, dim);
        for (int p = 0; p < m; p++) {
            System.arraycopy(z, batch[p] * dim, x.data, p * dim, dim);
        }
        gram.reshape(m, m);
        CommonOps_DDRM.multTransB(x, x, gram);
        coef.reshape(m, m);
        double[] s = gram.data;
        double[] c = coef.data;
        double loss = 0;
        for (int p = 0; p < m; p++) {
            int row = p * m;
            int label = labels[batch[p]];
            double max = Double.NEGATIVE_INFINITY;
            int argmax = -1;
            int positives = 0;
            double positiveSum = 0;
            for (int q = 0; q < m; q++) {
                if (q != p) {
                    if (s[row + q] > max) {
                        max = s[row + q];
                        argmax = q;
                    }
                    if (labels[batch[q]] == label) {
                        positives++;
                        positiveSum += s[row + q];
                    }
                }
            }
            if (positives == 0) {
                for (int q = 0; q < m; q++) {
                    c[row + q] = 0;
                }
                continue;
            }
            double rest = 0;
            for (int q = 0; q < m; q++) {
                double e = q == p ? 0 : Math.exp(s[row + q] - max);
                c[row + q] = e;
                rest += q == argmax ? 0 : e;
            }
            // log Σ e^{s - max} = log1p(rest): full relative precision for a tiny loss (see LogSumExp.minus).
            loss += (max - positiveSum / positives) + Math.log1p(rest);
            double denominator = 1 + rest;
            double inverse = 1.0 / denominator;
            double share = 1.0 / positives;
            for (int q = 0; q < m; q++) {
                c[row + q] *= inverse;
                if (q != p && labels[batch[q]] == label) {
                    c[row + q] -= share;
                }
            }
        }
        if (grad != null) {
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    double sym = c[p * m + q] + c[q * m + p];
                    c[p * m + q] = sym;
                    c[q * m + p] = sym;
                }
            }
            CommonOps_DDRM.mult(coef, x, DMatrixRMaj.wrap(m, dim, grad));
        }
        return loss;
    }

    @Override
    public String engine() {
        return "java";
    }
}
