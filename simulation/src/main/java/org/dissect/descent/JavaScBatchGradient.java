package org.dissect.descent;

import org.dissect.engine.RanOn;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * {@link ScBatchGradient} on the JVM, the dependency-free reference: the Gram matrix {@code X Xᵀ} and the
 * gradient {@code (C + Cᵀ) X} are EJML dense products ({@code CommonOps_DDRM}, or {@code CommonOps_MT_DDRM} on
 * more than one thread), the coefficients come from {@link ScCoefficients} (rows spread over the same threads).
 * Not thread-safe (it reuses its work matrices); {@link #close()} stops its row threads.
 */
public final class JavaScBatchGradient implements ScBatchGradient {
    private final DMatrixRMaj x = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj gram = new DMatrixRMaj(1, 1);
    private final RowParallel rows;
    private final ScCoefficients coefficients;
    private final int threads;
    private final String fallback;

    /** One thread. */
    public JavaScBatchGradient() {
        this(1);
    }

    /**
     * @param threads threads of EJML's concurrent products (a process-wide setting of EJML), at least 1
     */
    public JavaScBatchGradient(int threads) {
        this(threads, null);
    }

    /**
     * @param threads threads, at least 1
     * @param fallback why the engine asked for could not run, reported in {@link #engine()}, or null
     */
    JavaScBatchGradient(int threads, String fallback) {
        this.threads = JavaThreads.use(threads);
        this.fallback = fallback;
        this.rows = new RowParallel(threads);
        this.coefficients = new ScCoefficients(rows);
    }

    @Override
    public double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        int m = batch.length;
        x.reshape(m, dim);
        for (int p = 0; p < m; p++) {
            System.arraycopy(z, batch[p] * dim, x.data, p * dim, dim);
        }
        gram.reshape(m, m);
        if (threads > 1) {
            CommonOps_MT_DDRM.multTransB(x, x, gram);
        } else {
            CommonOps_DDRM.multTransB(x, x, gram);
        }
        double loss = coefficients.compute(gram.data, m, labels, batch, gram.data, grad != null);
        if (grad != null) {
            DMatrixRMaj g = DMatrixRMaj.wrap(m, dim, grad);
            if (threads > 1) {
                CommonOps_MT_DDRM.mult(gram, x, g);
            } else {
                CommonOps_DDRM.mult(gram, x, g);
            }
        }
        return loss;
    }

    @Override
    public RanOn engine() {
        return RanOn.java(threads).withFallback(fallback);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        rows.close();
    }
}
