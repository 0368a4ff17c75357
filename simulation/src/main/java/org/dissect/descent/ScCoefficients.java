package org.dissect.descent;

/**
 * The part of the SC batch gradient between the two products, shared by every engine that computes on the
 * host: from the Gram matrix {@code S = X Xᵀ} of a batch it forms the batch loss and the coefficients
 * {@code C_pq = a_pq - [q∈P_p]/|P_p|} of {@link ScBatchGradient} (anchor p's softmax over {@code q ≠ p}, shifted
 * by the row maximum; rows of anchors without positives are 0), and optionally symmetrises them to
 * {@code C + Cᵀ}, so that the gradient is one product {@code (C + Cᵀ) X}. Each anchor's term is
 * {@code (max - mean positive logit) + log1p(Σ_{q≠p, q≠argmax} e^{s_pq - max})}: full relative precision for a
 * tiny loss (see {@code LogSumExp.minus}). Not thread-safe (it reuses a label buffer).
 */
final class ScCoefficients {
    private int[] label = new int[0];

    /**
     * @param s the m×m Gram matrix, row-major (not modified unless it is c)
     * @param m the batch size
     * @param labels N labels (not modified)
     * @param batch m indices (not modified)
     * @param c m×m output (overwritten; may be s itself)
     * @param symmetric whether to leave {@code C + Cᵀ} in c rather than C
     * @return the batch loss {@code ℓ_SC}
     */
    double compute(double[] s, int m, int[] labels, int[] batch, double[] c, boolean symmetric) {
        if (label.length < m) {
            label = new int[m];
        }
        for (int p = 0; p < m; p++) {
            label[p] = labels[batch[p]];
        }
        double loss = 0;
        for (int p = 0; p < m; p++) {
            int row = p * m;
            int own = label[p];
            double max = Double.NEGATIVE_INFINITY;
            int argmax = -1;
            int positives = 0;
            double positiveSum = 0;
            for (int q = 0; q < m; q++) {
                if (q != p) {
                    double v = s[row + q];
                    if (v > max) {
                        max = v;
                        argmax = q;
                    }
                    if (label[q] == own) {
                        positives++;
                        positiveSum += v;
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
            loss += (max - positiveSum / positives) + Math.log1p(rest);
            double inverse = 1.0 / (1 + rest);
            double share = 1.0 / positives;
            for (int q = 0; q < m; q++) {
                double v = c[row + q] * inverse;
                c[row + q] = q != p && label[q] == own ? v - share : v;
            }
        }
        if (symmetric) {
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    double sym = c[p * m + q] + c[q * m + p];
                    c[p * m + q] = sym;
                    c[q * m + p] = sym;
                }
            }
        }
        return loss;
    }
}
