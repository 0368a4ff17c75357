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
     * The residuals of the points {@code from .. from + rows - 1}.
     *
     * @param l rows×K logits of those points, row-major (not modified unless it is r)
     * @param labels all N labels in 0..K-1 (not modified)
     * @param from the first point
     * @param rows the number of points
     * @param classes K
     * @param r rows×K output (overwritten; may be l itself)
     * @return their summed cross-entropy (N·L_CE when the rows are all N points)
     */
    static double compute(double[] l, int[] labels, int from, int rows, int classes, double[] r) {
        int count = labels.length;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            int n = from + i;
            int row = i * classes;
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
