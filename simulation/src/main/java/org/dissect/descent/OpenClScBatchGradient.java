package org.dissect.descent;

import org.dissect.engine.RanOn;
import org.dissect.opencl.KernelSession;
import org.dissect.opencl.OpenClRuntime;

/**
 * {@link ScBatchGradient} on the OpenCL device through {@link ScBatchClKernel}: the gathered batch goes to
 * the device, the softmax coefficients stay there between the two passes, the anchor losses and the
 * per-copy gradient come back; the anchor losses are added on the host.
 *
 * <p>If Aparapi cannot compile or run the kernel on the device, this engine falls back to
 * {@link JavaScBatchGradient} for the rest of its life and says so in {@link #engine()}: it never claims
 * OpenCL for work that ran in Java. Not thread-safe; {@link #close()} releases the kernel.
 */
public final class OpenClScBatchGradient implements ScBatchGradient {
    private final KernelSession<ScBatchClKernel> session = new KernelSession<>(new ScBatchClKernel());
    private final JavaScBatchGradient fallback;

    /**
     * @param fallbackThreads threads of the Java engine that takes over if OpenCL fails, at least 1
     * @throws IllegalArgumentException if no OpenCL device is present
     */
    public OpenClScBatchGradient(int fallbackThreads) {
        this.fallback = new JavaScBatchGradient(fallbackThreads);
    }

    @Override
    public double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        if (!session.compile()) {
            return fallback.lossAndGradient(z, dim, labels, batch, grad);
        }
        ScBatchClKernel k = session.kernel();
        int m = batch.length;
        if (k.x.length != m * dim || k.label.length != m) {
            // sized by both m·h and m: the same m·h with another m (2×3 after 3×2) needs new per-copy arrays
            k.x = new double[m * dim];
            k.label = new int[m];
            k.coef = new double[m * m];
            k.loss = new double[m];
            k.grad = new double[m * dim];
        }
        k.m = m;
        k.h = dim;
        for (int p = 0; p < m; p++) {
            System.arraycopy(z, batch[p] * dim, k.x, p * dim, dim);
            k.label[p] = labels[batch[p]];
        }
        try (OpenClRuntime.WarningCapture capture = new OpenClRuntime.WarningCapture()) {
            k.put(k.x).put(k.label);
            k.pass = 0;
            boolean ok = session.launch(m, capture);
            if (ok && grad != null) {
                k.pass = 1;
                ok = session.launch(m * dim, capture);
            }
            if (!ok) {
                return fallback.lossAndGradient(z, dim, labels, batch, grad);
            }
        }
        k.get(k.loss);
        if (grad != null) {
            k.get(k.grad);
            System.arraycopy(k.grad, 0, grad, 0, m * dim);
        }
        double total = 0;
        for (int p = 0; p < m; p++) {
            total += k.loss[p];
        }
        return total;
    }

    @Override
    public RanOn engine() {
        return session.engine(fallback.engine());
    }

    @Override
    public void close() {
        session.close();
    }
}
