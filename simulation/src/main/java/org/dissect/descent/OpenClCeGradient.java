package org.dissect.descent;

import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import org.dissect.opencl.OpenClRuntime;

/**
 * {@link CeGradient} on the OpenCL device through {@link CeClKernel}; the per-point losses are added on
 * the host. Falls back to {@link JavaCeGradient} for good, and says so in {@link #engine()}, if Aparapi
 * cannot compile or run the kernel on the device. Not thread-safe; {@link #close()} releases the kernel.
 */
public final class OpenClCeGradient implements CeGradient, AutoCloseable {
    private final OpenCLDevice device;
    private final CeClKernel kernel = new CeClKernel();
    private JavaCeGradient fallback;
    private String fallbackReason;
    private boolean compiled;

    /** @throws IllegalArgumentException if no OpenCL device is present */
    public OpenClCeGradient() {
        device = OpenClRuntime.require();
        kernel.setExplicit(true);
    }

    @Override
    public double lossAndGradient(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        if (fallback != null) {
            return fallback.lossAndGradient(z, w, labels, classes, dim, gz, gw);
        }
        int count = labels.length;
        if (kernel.z.length != z.length || kernel.w.length != w.length) {
            kernel.z = new double[z.length];
            kernel.w = new double[w.length];
            kernel.label = new int[count];
            kernel.residual = new double[count * classes];
            kernel.loss = new double[count];
            kernel.gz = new double[z.length];
            kernel.gw = new double[w.length];
        }
        kernel.count = count;
        kernel.classes = classes;
        kernel.h = dim;
        System.arraycopy(z, 0, kernel.z, 0, z.length);
        System.arraycopy(w, 0, kernel.w, 0, w.length);
        System.arraycopy(labels, 0, kernel.label, 0, count);
        String failure = null;
        try (OpenClRuntime.WarningCapture capture = new OpenClRuntime.WarningCapture()) {
            if (!compiled) {
                try {
                    kernel.compile(device);
                    compiled = true;
                } catch (CompileFailedException | RuntimeException | AssertionError e) {
                    failure = "kernel not compiled for OpenCL: " + OpenClRuntime.oneLine(e.getMessage());
                }
            }
            if (failure == null) {
                kernel.put(kernel.z).put(kernel.w).put(kernel.label);
                failure = launch(0, count, capture);
                if (failure == null && gz != null) {
                    failure = launch(1, count * dim, capture);
                }
                if (failure == null && gw != null) {
                    failure = launch(2, classes * dim, capture);
                }
            }
        }
        if (failure != null) {
            fallbackReason = failure;
            fallback = new JavaCeGradient();
            kernel.dispose();
            return fallback.lossAndGradient(z, w, labels, classes, dim, gz, gw);
        }
        kernel.get(kernel.loss);
        if (gz != null) {
            kernel.get(kernel.gz);
            System.arraycopy(kernel.gz, 0, gz, 0, gz.length);
        }
        if (gw != null) {
            kernel.get(kernel.gw);
            System.arraycopy(kernel.gw, 0, gw, 0, gw.length);
        }
        double total = 0;
        for (int n = 0; n < count; n++) {
            total += kernel.loss[n];
        }
        return total / count;
    }

    private String launch(int pass, int items, OpenClRuntime.WarningCapture capture) {
        kernel.pass = pass;
        kernel.execute(device.createRange(items));
        return OpenClRuntime.failure(kernel, device, capture);
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
