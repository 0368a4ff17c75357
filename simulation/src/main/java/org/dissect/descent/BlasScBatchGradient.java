package org.dissect.descent;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasUpper;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dsyrk;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_ssyrk;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.dissect.blas.OffHeap;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;
import org.dissect.engine.Precision;
import org.dissect.engine.RanOn;

/**
 * {@link ScBatchGradient} with OpenBLAS products: the gathered batch X (m×h) goes into an off-heap buffer, the
 * Gram matrix {@code S = X Xᵀ} is one {@code dsyrk} (its upper triangle, half a {@code dgemm}'s work, mirrored on the
 * host), the coefficients {@code C + Cᵀ} come from
 * {@link ScCoefficients} on the host, and the gradient {@code (C + Cᵀ) X} is a second {@code dgemm}. The
 * off-heap buffers are kept across calls (no allocation per step once the shape is known); OpenBLAS's thread
 * count is set when the engine opens (and again only if another engine changed it meanwhile); the host's row loops run
 * on as many threads ({@link RowParallel}). Not thread-safe;
 * {@link #close()} frees the buffers.
 */
public final class BlasScBatchGradient implements ScBatchGradient {
    private final int threads;
    private final Precision precision;
    private final RowParallel rows;
    private final ScCoefficients coefficients;
    private final OffHeap x = new OffHeap();
    private final OffHeap s = new OffHeap();
    private final OffHeap g = new OffHeap();
    private double[] gram = new double[0];
    private float[] single = new float[0];

    /**
     * @param threads OpenBLAS threads, at least 1
     * @throws IllegalArgumentException if the OpenBLAS natives do not load
     */
    public BlasScBatchGradient(int threads) {
        this(threads, Precision.DOUBLE);
    }

    /**
     * @param threads OpenBLAS threads, at least 1
     * @param precision the products' format: with {@link Precision#FLOAT} the batch, the Gram matrix, the coefficients
     *        and the gradient pass through {@code ssyrk}/{@code sgemm} as floats (each rounded once to float on the
     *        way in), while the softmax and the loss are computed in double from the float Gram matrix
     * @throws IllegalArgumentException if the OpenBLAS natives do not load
     */
    public BlasScBatchGradient(int threads, Precision precision) {
        OpenBlas.useThreads(threads);
        this.threads = threads;
        this.precision = precision;
        this.rows = new RowParallel(threads);
        this.coefficients = new ScCoefficients(rows);
    }

    @Override
    public double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        OpenBlas.useThreads(threads);
        if (precision == Precision.FLOAT) {
            return lossAndGradientInFloat(z, dim, labels, batch, grad);
        }
        int m = batch.length;
        DoubleBuffer xb = x.buffer(m * dim);
        for (int p = 0; p < m; p++) {
            xb.put(p * dim, z, batch[p] * dim, dim);
        }
        DoubleBuffer sb = s.buffer(m * m);
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, m, dim, 1.0, x.pointer(), dim, 0.0, s.pointer(), m);
        if (gram.length < m * m) {
            gram = new double[m * m];
        }
        sb.get(0, gram, 0, m * m);
        coefficients.mirrorUpper(gram, m);
        double loss = coefficients.compute(gram, m, labels, batch, gram, grad != null);
        if (grad != null) {
            sb.put(0, gram, 0, m * m);
            DoubleBuffer gb = g.buffer(m * dim);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, dim, m, 1.0, s.pointer(), m, x.pointer(), dim, 0.0,
                g.pointer(), dim);
            gb.get(0, grad, 0, m * dim);
        }
        return loss;
    }

    /** The same step with float products: X, S, C + Cᵀ and the gradient rounded to float, the rest in double. */
    private double lossAndGradientInFloat(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        int m = batch.length;
        if (single.length < Math.max(m * dim, m * m)) {
            single = new float[Math.max(m * dim, m * m)];
        }
        if (gram.length < m * m) {
            gram = new double[m * m];
        }
        for (int p = 0; p < m; p++) {
            int off = batch[p] * dim;
            for (int k = 0; k < dim; k++) {
                single[p * dim + k] = (float) z[off + k];
            }
        }
        x.floats(m * dim).put(0, single, 0, m * dim);
        FloatBuffer sb = s.floats(m * m);
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, m, dim, 1f, x.floatPointer(), dim, 0f, s.floatPointer(), m);
        sb.get(0, single, 0, m * m);
        for (int i = 0; i < m * m; i++) {
            gram[i] = single[i];
        }
        coefficients.mirrorUpper(gram, m);
        double loss = coefficients.compute(gram, m, labels, batch, gram, grad != null);
        if (grad != null) {
            for (int i = 0; i < m * m; i++) {
                single[i] = (float) gram[i];
            }
            sb.put(0, single, 0, m * m);
            FloatBuffer gb = g.floats(m * dim);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, dim, m, 1f, s.floatPointer(), m, x.floatPointer(), dim, 0f,
                g.floatPointer(), dim);
            gb.get(0, single, 0, m * dim);
            for (int i = 0; i < m * dim; i++) {
                grad[i] = single[i];
            }
        }
        return loss;
    }

    @Override
    public RanOn engine() {
        return new RanOn(Engine.BLAS, OpenBlas.describe(threads) + (precision == Precision.FLOAT ? ", float32 products" : ""),
            null);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        rows.close();
        x.close();
        s.close();
        g.close();
    }
}
