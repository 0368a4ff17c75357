package org.dissect.descent;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import java.nio.DoubleBuffer;
import org.dissect.blas.OffHeap;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;

/**
 * {@link CeGradient} with OpenBLAS products: Z and W are copied into off-heap buffers, {@code L = Z Wᵀ} is one
 * {@code dgemm}, the residuals R come from {@link CeResiduals} on the host, {@code ∂L_CE/∂Z = R W} and
 * {@code ∂L_CE/∂W = Rᵀ Z} are two more. Buffers are kept across calls; OpenBLAS's thread count is set when the
 * engine opens. Not thread-safe; {@link #close()} frees the buffers.
 */
public final class BlasCeGradient implements CeGradient {
    private final int threads;
    private final OffHeap zb = new OffHeap();
    private final OffHeap wb = new OffHeap();
    private final OffHeap rb = new OffHeap();
    private final OffHeap gzb = new OffHeap();
    private final OffHeap gwb = new OffHeap();
    private double[] logits = new double[0];

    /**
     * @param threads OpenBLAS threads, at least 1
     * @throws IllegalArgumentException if the OpenBLAS natives do not load
     */
    public BlasCeGradient(int threads) {
        OpenBlas.useThreads(threads);
        this.threads = threads;
    }

    @Override
    public double lossAndGradient(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        OpenBlas.useThreads(threads);
        int count = labels.length;
        zb.buffer(count * dim).put(0, z, 0, count * dim);
        wb.buffer(classes * dim).put(0, w, 0, classes * dim);
        DoubleBuffer r = rb.buffer(count * classes);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, count, classes, dim, 1.0, zb.pointer(), dim, wb.pointer(), dim,
            0.0, rb.pointer(), classes);
        if (logits.length < count * classes) {
            logits = new double[count * classes];
        }
        r.get(0, logits, 0, count * classes);
        double sum = CeResiduals.compute(logits, labels, classes, logits);
        r.put(0, logits, 0, count * classes);
        if (gz != null) {
            DoubleBuffer out = gzb.buffer(count * dim);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, count, dim, classes, 1.0, rb.pointer(), classes,
                wb.pointer(), dim, 0.0, gzb.pointer(), dim);
            out.get(0, gz, 0, count * dim);
        }
        if (gw != null) {
            DoubleBuffer out = gwb.buffer(classes * dim);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, classes, dim, count, 1.0, rb.pointer(), classes,
                zb.pointer(), dim, 0.0, gwb.pointer(), dim);
            out.get(0, gw, 0, classes * dim);
        }
        return sum / count;
    }

    @Override
    public RanOn engine() {
        return new RanOn(Engine.BLAS, OpenBlas.describe(threads), null);
    }

    @Override
    public void close() {
        zb.close();
        wb.close();
        rb.close();
        gzb.close();
        gwb.close();
    }
}
