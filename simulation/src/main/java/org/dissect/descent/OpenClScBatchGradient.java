package org.dissect.descent;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
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
public final class OpenClScBatchGradient implements ScBatchGradient, AutoCloseable {
    private final OpenCLDevice device;
    private final ScBatchClKernel kernel = new ScBatchClKernel();
    private JavaScBatchGradient fallback;
    private String fallbackReason;
    private boolean compiled;

    /** @throws IllegalArgumentException if no OpenCL device is present */
    public OpenClScBatchGradient() {
        device = OpenClRuntime.require();
        kernel.setExplicit(true);
    }

    @Override
    public double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        if (fallback != null) {
            return fallback.lossAndGradient(z, dim, labels, batch, grad);
        }
        int m = batch.length;
        if (kernel.x.length != m * dim) {
            kernel.x = new double[m * dim];
            kernel.label = new int[m];
            kernel.coef = new double[m * m];
            kernel.loss = new double[m];
            kernel.grad = new double[m * dim];
        }
        kernel.m = m;
        kernel.h = dim;
        for (int p = 0; p < m; p++) {
            System.arraycopy(z, batch[p] * dim, kernel.x, p * dim, dim);
            kernel.label[p] = labels[batch[p]];
        }
        try (OpenClRuntime.WarningCapture capture = new OpenClRuntime.WarningCapture()) {
            if (!compiled) {
                try {
                    kernel.compile(device);
                    compiled = true;
                } catch (CompileFailedException | RuntimeException | AssertionError e) {
                    return fallBack("kernel not compiled for OpenCL: " + OpenClRuntime.oneLine(e.getMessage()), z, dim, labels,
                        batch, grad);
                }
            }
            kernel.put(kernel.x).put(kernel.label);
            kernel.pass = 0;
            kernel.execute(device.createRange(m));
            String failure = OpenClRuntime.failure(kernel, device, capture);
            if (failure == null && grad != null) {
                kernel.pass = 1;
                Range range = device.createRange(m * dim);
                kernel.execute(range);
                failure = OpenClRuntime.failure(kernel, device, capture);
            }
            if (failure != null) {
                return fallBack(failure, z, dim, labels, batch, grad);
            }
        }
        kernel.get(kernel.loss);
        if (grad != null) {
            kernel.get(kernel.grad);
            System.arraycopy(kernel.grad, 0, grad, 0, m * dim);
        }
        double total = 0;
        for (int p = 0; p < m; p++) {
            total += kernel.loss[p];
        }
        return total;
    }

    private double fallBack(String reason, double[] z, int dim, int[] labels, int[] batch, double[] grad) {
        fallbackReason = reason;
        fallback = new JavaScBatchGradient();
        kernel.dispose();
        return fallback.lossAndGradient(z, dim, labels, batch, grad);
    }

    @Override
    public String engine() {
        return fallback == null ? "opencl (" + OpenClRuntime.describe(device) + ")"
            : "java (Aparapi fallback: " + fallbackReason + ")";
    }

    /** @return whether every evaluation so far ran on the OpenCL device */
    public boolean ranOnOpenCl() {
        return fallback == null && compiled;
    }

    @Override
    public void close() {
        if (fallback == null) {
            kernel.dispose();
        }
    }
}
