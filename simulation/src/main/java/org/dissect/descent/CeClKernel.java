package org.dissect.descent;

import com.aparapi.Kernel;

/**
 * The Aparapi (OpenCL) kernel of {@link OpenClCeGradient}, in three passes:
 * <ul>
 *   <li>pass 0, one work-item per point n: the logits {@code <z_n, w_l>}, their stable softmax, the point's
 *       cross-entropy and the residual row {@code R_nl = (p_nl - [l = y_n])/N};</li>
 *   <li>pass 1, one work-item per (n, k): {@code gz[n, k] = Σ_l R_nl w[l, k]};</li>
 *   <li>pass 2, one work-item per (l, k): {@code gw[l, k] = Σ_n R_nl z[n, k]}.</li>
 * </ul>
 */
final class CeClKernel extends Kernel {
    int count;
    int classes;
    int h;
    int pass;
    double[] z = new double[1];
    double[] w = new double[1];
    int[] label = new int[1];
    double[] residual = new double[1];
    double[] loss = new double[1];
    double[] gz = new double[1];
    double[] gw = new double[1];

    @Override
    public void run() {
        int id = getGlobalId();
        if (pass == 0) {
            point(id);
        } else if (pass == 1) {
            int n = id / h;
            int k = id - n * h;
            double g = 0;
            for (int l = 0; l < classes; l++) {
                g += residual[n * classes + l] * w[l * h + k];
            }
            gz[id] = g;
        } else {
            int l = id / h;
            int k = id - l * h;
            double g = 0;
            for (int n = 0; n < count; n++) {
                g += residual[n * classes + l] * z[n * h + k];
            }
            gw[id] = g;
        }
    }

    private void point(int n) {
        int row = n * classes;
        double max = -1e308;
        int argmax = 0;
        for (int l = 0; l < classes; l++) {
            double s = 0;
            for (int k = 0; k < h; k++) {
                s += z[n * h + k] * w[l * h + k];
            }
            residual[row + l] = s;
            if (s > max) {
                max = s;
                argmax = l;
            }
        }
        double own = residual[row + label[n]];
        double rest = 0;
        for (int l = 0; l < classes; l++) {
            double e = exp(residual[row + l] - max);
            residual[row + l] = e;
            if (l != argmax) {
                rest += e;
            }
        }
        loss[n] = (max - own) + log1p(rest);
        double denominator = 1 + rest;
        for (int l = 0; l < classes; l++) {
            double r = residual[row + l] / denominator;
            if (l == label[n]) {
                r -= 1.0;
            }
            residual[row + l] = r / count;
        }
    }
}
