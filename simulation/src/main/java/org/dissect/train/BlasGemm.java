package org.dissect.train;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.dissect.blas.OffHeap;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;

/**
 * {@link Gemm} on OpenBLAS: A and B are copied into off-heap buffers (kept across calls), C is one {@code cblas_dgemm}
 * and is copied back. The copies are O(mk + kn + mn) against the product's O(mnk). Not thread-safe (its buffers);
 * {@link #close()} frees them.
 */
public final class BlasGemm implements Gemm {
    private final int threads;
    private final OffHeap ab = new OffHeap();
    private final OffHeap bb = new OffHeap();
    private final OffHeap cb = new OffHeap();

    /**
     * @param threads OpenBLAS threads, at least 1 (process-wide in OpenBLAS)
     * @throws IllegalArgumentException if the OpenBLAS natives do not load
     */
    public BlasGemm(int threads) {
        OpenBlas.useThreads(threads);
        this.threads = threads;
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b, double[] c) {
        ab.buffer(m * k).put(0, a, 0, m * k);
        bb.buffer(k * n).put(0, b, 0, k * n);
        cb.buffer(m * n);
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, 1.0,
            ab.pointer(), transA ? m : k, bb.pointer(), transB ? k : n, 0.0, cb.pointer(), n);
        cb.buffer(m * n).get(0, c, 0, m * n);
    }

    @Override
    public RanOn engine() {
        return new RanOn(Engine.BLAS, OpenBlas.describe(threads), null);
    }

    @Override
    public void close() {
        ab.close();
        bb.close();
        cb.close();
    }
}
