package org.dissect.train;

import org.dissect.engine.RanOn;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@link Gemm} on the JVM: EJML's row-major products ({@code CommonOps_DDRM.mult}, {@code multTransA},
 * {@code multTransB}, {@code multTransAB}) on the caller's arrays, wrapped without copying. One thread: a training run
 * is one thread of work, and the grid of {@code reproduce fig8} runs its cells side by side.
 */
public final class JavaGemm implements Gemm {
    private final String fallback;

    /** @param fallback why a faster engine asked for did not run, or null */
    public JavaGemm(String fallback) {
        this.fallback = fallback;
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b, double[] c) {
        DMatrixRMaj am = transA ? DMatrixRMaj.wrap(k, m, a) : DMatrixRMaj.wrap(m, k, a);
        DMatrixRMaj bm = transB ? DMatrixRMaj.wrap(n, k, b) : DMatrixRMaj.wrap(k, n, b);
        DMatrixRMaj cm = DMatrixRMaj.wrap(m, n, c);
        if (transA && transB) {
            CommonOps_DDRM.multTransAB(am, bm, cm);
        } else if (transA) {
            CommonOps_DDRM.multTransA(am, bm, cm);
        } else if (transB) {
            CommonOps_DDRM.multTransB(am, bm, cm);
        } else {
            CommonOps_DDRM.mult(am, bm, cm);
        }
    }

    @Override
    public RanOn engine() {
        return RanOn.java(1).withFallback(fallback);
    }
}
