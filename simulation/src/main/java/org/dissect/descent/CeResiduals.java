package org.dissect.descent;

/**
 * The part of the cross-entropy gradient between the products, shared by every engine that computes on the host:
 * from the logits {@code L = Z Wᵀ} (N×K) it forms {@code L_CE} and the residuals {@code R = (P - Y)/N} of
 * {@link CeGradient} (row softmax P, one-hot labels Y). Each point's term is
 * {@code (max - own logit) + log1p(Σ_{k≠argmax} e^{l_k - max})}: full relative precision for a confident point
 * (see {@code LogSumExp.minus}).
 */
final class CeResiduals {
    private CeResiduals() {
    }

    /**
     * @param l N×K logits, row-major (not modified unless it is r)
     * @param labels N labels in 0..K-1 (not modified)
     * @param classes K
     * @param r N×K output (overwritten; may be l itself)
     * @return {@code N·L_CE}, the summed cross-entropy
     */
    static double compute(double[] l, int[] labels, int classes, double[] r) {
        int count = labels.length;
        double sum = 0;
        for (int n = 0; n < count; n++) {
            int row = n * classes;
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int k = 0; k < classes; k++) {
                if (l[row + k] > max) {
                    max = l[row + k];
                    argmax = k;
                }
            }
            double own = l[row + labels[n]];
            double rest = 0;
            for (int k = 0; k < classes; k++) {
                double e = Math.exp(l[row + k] - max);
                r[row + k] = e;
                rest += k == argmax ? 0 : e;
            }
            sum += (max - own) + Math.log1p(rest);
            double denominator = (1 + rest) * count;
            for (int k = 0; k < classes; k++) {
                r[row + k] /= denominator;
            }
            r[row + labels[n]] -= 1.0 / count;
        }
        return sum;
    }
}
