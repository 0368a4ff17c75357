package org.dissect.descent;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** {@link CeGradient} on the JVM: the logits and both gradients are EJML dense products. Not thread-safe. */
public final class JavaCeGradient implements CeGradient {
    private final DMatrixRMaj logits = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj residual = new DMatrixRMaj(1, 1);

    @Override
    public double lossAndGradient(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        int count = labels.length;
        DMatrixRMaj wm = DMatrixRMaj.wrap(classes, dim, w);
        DMatrixRMaj zm = DMatrixRMaj.wrap(count, dim, z);
        logits.reshape(count, classes);
        residual.reshape(count, classes);
        CommonOps_DDRM.multTransB(zm, wm, logits);
        double sum = 0;
        double[] l = logits.data;
        double[] r = residual.data;
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
            double rest = 0;
            for (int k = 0; k < classes; k++) {
                r[row + k] = Math.exp(l[row + k] - max);
                rest += k == argmax ? 0 : r[row + k];
            }
            // (max - own logit) + log1p(rest): full relative precision for a confident point (LogSumExp.minus).
            sum += (max - l[row + labels[n]]) + Math.log1p(rest);
            double denominator = 1 + rest;
            for (int k = 0; k < classes; k++) {
                r[row + k] /= denominator * count;
            }
            r[row + labels[n]] -= 1.0 / count;
        }
        if (gz != null) {
            CommonOps_DDRM.mult(residual, wm, DMatrixRMaj.wrap(count, dim, gz));
        }
        if (gw != null) {
            CommonOps_DDRM.multTransA(residual, zm, DMatrixRMaj.wrap(classes, dim, gw));
        }
        return sum / count;
    }

    @Override
    public String engine() {
        return "java";
    }
}
