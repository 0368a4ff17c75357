package org.dissect.descent;

import org.dissect.engine.RanOn;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * {@link CeGradient} on the JVM, the dependency-free reference: the logits and both gradients are EJML dense
 * products ({@code CommonOps_MT_DDRM} on more than one thread), the residuals come from {@link CeResiduals}. Points at
 * an offset (or in a longer array) are copied into work arrays kept across calls, since EJML wraps arrays from index 0.
 * Not thread-safe.
 */
public final class JavaCeGradient implements CeGradient {
    private final DMatrixRMaj logits = new DMatrixRMaj(1, 1);
    private double[] zWork = new double[0];
    private double[] gzWork = new double[0];
    private final int threads;
    private final String fallback;

    /** One thread. */
    public JavaCeGradient() {
        this(1);
    }

    /**
     * @param threads threads of EJML's concurrent products (a process-wide setting of EJML), at least 1
     */
    public JavaCeGradient(int threads) {
        this(threads, null);
    }

    /**
     * @param threads threads, at least 1
     * @param fallback why the engine asked for could not run, reported in {@link #engine()}, or null
     */
    JavaCeGradient(int threads, String fallback) {
        this.threads = JavaThreads.use(threads);
        this.fallback = fallback;
    }

    @Override
    public double lossAndGradient(double[] z, int from, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        int count = labels.length;
        int size = count * dim;
        boolean inPlace = from == 0 && z.length == size && (gz == null || gz.length == size);
        if (!inPlace && zWork.length != size) {
            zWork = new double[size];
            gzWork = new double[size];
        }
        if (!inPlace) {
            System.arraycopy(z, from, zWork, 0, size);
        }
        double loss = lossAndGradient(inPlace ? z : zWork, w, labels, classes, dim, inPlace ? gz : gz == null ? null : gzWork, gw,
            count);
        if (!inPlace && gz != null) {
            System.arraycopy(gzWork, 0, gz, from, size);
        }
        return loss;
    }

    private double lossAndGradient(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw,
                                   int count) {
        DMatrixRMaj wm = DMatrixRMaj.wrap(classes, dim, w);
        DMatrixRMaj zm = DMatrixRMaj.wrap(count, dim, z);
        logits.reshape(count, classes);
        boolean mt = threads > 1;
        if (mt) {
            CommonOps_MT_DDRM.multTransB(zm, wm, logits);
        } else {
            CommonOps_DDRM.multTransB(zm, wm, logits);
        }
        double sum = CeResiduals.compute(logits.data, labels, 0, count, classes, logits.data);
        if (gz != null) {
            DMatrixRMaj out = DMatrixRMaj.wrap(count, dim, gz);
            if (mt) {
                CommonOps_MT_DDRM.mult(logits, wm, out);
            } else {
                CommonOps_DDRM.mult(logits, wm, out);
            }
        }
        if (gw != null) {
            DMatrixRMaj out = DMatrixRMaj.wrap(classes, dim, gw);
            if (mt) {
                CommonOps_MT_DDRM.multTransA(logits, zm, out);
            } else {
                CommonOps_DDRM.multTransA(logits, zm, out);
            }
        }
        return sum / count;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public RanOn engine() {
        return RanOn.java(threads).withFallback(fallback);
    }
}
