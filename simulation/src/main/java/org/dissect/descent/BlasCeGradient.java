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
 * {@link CeGradient} with OpenBLAS products, block by block of {@value #BLOCK} points: each block of Z is copied into
 * an off-heap buffer, its logits {@code L_B = Z_B Wᵀ} are one {@code dgemm}, its residuals {@code R_B} come from
 * {@link CeResiduals} on the host, {@code ∂L_CE/∂Z_B = R_B W} is a second and {@code ∂L_CE/∂W += R_Bᵀ Z_B} a third,
 * while the block is still in cache: Z is read from memory once per evaluation instead of twice (the products are
 * skinny, K ≪ h, and bound by memory, not arithmetic). The block sums are added in block order. Buffers are kept
 * across calls; OpenBLAS's thread count is set when the engine opens. Not thread-safe; {@link #close()} frees the
 * buffers.
 */
public final class BlasCeGradient implements CeGradient {
    /** Points per block: a 128×512 block of doubles (512 KiB) stays in L2 between its three products. */
    static final int BLOCK = 128;

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
    public double lossAndGradient(double[] z, int at, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        OpenBlas.useThreads(threads);
        int count = labels.length;
        int block = Math.min(count, BLOCK);
        wb.buffer(classes * dim).put(0, w, 0, classes * dim);
        DoubleBuffer zBlock = zb.buffer(block * dim);
        DoubleBuffer r = rb.buffer(block * classes);
        DoubleBuffer gzBlock = gzb.buffer(block * dim);
        DoubleBuffer gwAll = gwb.buffer(classes * dim);
        if (logits.length < block * classes) {
            logits = new double[block * classes];
        }
        double sum = 0;
        for (int from = 0; from < count; from += block) {
            int rows = Math.min(block, count - from);
            zBlock.put(0, z, at + from * dim, rows * dim);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, classes, dim, 1.0, zb.pointer(), dim, wb.pointer(), dim,
                0.0, rb.pointer(), classes);
            r.get(0, logits, 0, rows * classes);
            sum += CeResiduals.compute(logits, labels, from, rows, classes, logits);
            if (gz == null && gw == null) {
                continue;
            }
            r.put(0, logits, 0, rows * classes);
            if (gz != null) {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, dim, classes, 1.0, rb.pointer(), classes,
                    wb.pointer(), dim, 0.0, gzb.pointer(), dim);
                gzBlock.get(0, gz, at + from * dim, rows * dim);
            }
            if (gw != null) {
                cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, classes, dim, rows, 1.0, rb.pointer(), classes,
                    zb.pointer(), dim, from == 0 ? 0.0 : 1.0, gwb.pointer(), dim);
            }
        }
        if (gw != null) {
            gwAll.get(0, gw, 0, classes * dim);
        }
        return sum / count;
    }

    @Override
    public int threads() {
        return threads;
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
