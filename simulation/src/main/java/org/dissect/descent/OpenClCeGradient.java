package org.dissect.descent;

import org.dissect.engine.RanOn;
import org.dissect.opencl.KernelSession;
import org.dissect.opencl.OpenClRuntime;

/**
 * {@link CeGradient} on the OpenCL device through {@link CeClKernel}; the per-point losses are added on
 * the host. Falls back to {@link JavaCeGradient} for good, and says so in {@link #engine()}, if Aparapi
 * cannot compile or run the kernel on the device. Not thread-safe; {@link #close()} releases the kernel.
 */
public final class OpenClCeGradient implements CeGradient {
    private final KernelSession<CeClKernel> session = new KernelSession<>(new CeClKernel());
    private final JavaCeGradient fallback;

    /**
     * @param fallbackThreads threads of the Java engine that takes over if OpenCL fails, at least 1
     * @throws IllegalArgumentException if no OpenCL device is present
     */
    public OpenClCeGradient(int fallbackThreads) {
        this.fallback = new JavaCeGradient(fallbackThreads);
    }

    @Override
    public double lossAndGradient(double[] z, int from, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        if (!session.compile()) {
            return fallback.lossAndGradient(z, from, w, labels, classes, dim, gz, gw);
        }
        CeClKernel k = session.kernel();
        int count = labels.length;
        int size = count * dim;
        if (k.z.length != size || k.w.length != w.length || k.label.length != count || k.residual.length != count * classes) {
            k.z = new double[size];
            k.w = new double[w.length];
            k.label = new int[count];
            k.residual = new double[count * classes];
            k.loss = new double[count];
            k.gz = new double[size];
            k.gw = new double[w.length];
        }
        k.count = count;
        k.classes = classes;
        k.h = dim;
        System.arraycopy(z, from, k.z, 0, size);
        System.arraycopy(w, 0, k.w, 0, w.length);
        System.arraycopy(labels, 0, k.label, 0, count);
        try (OpenClRuntime.WarningCapture capture = new OpenClRuntime.WarningCapture()) {
            k.put(k.z).put(k.w).put(k.label);
            k.pass = 0;
            boolean ok = session.launch(count, capture);
            if (ok && gz != null) {
                k.pass = 1;
                ok = session.launch(count * dim, capture);
            }
            if (ok && gw != null) {
                k.pass = 2;
                ok = session.launch(classes * dim, capture);
            }
            if (!ok) {
                return fallback.lossAndGradient(z, from, w, labels, classes, dim, gz, gw);
            }
        }
        k.get(k.loss);
        if (gz != null) {
            k.get(k.gz);
            System.arraycopy(k.gz, 0, gz, from, size);
        }
        if (gw != null) {
            k.get(k.gw);
            System.arraycopy(k.gw, 0, gw, 0, gw.length);
        }
        double total = 0;
        for (int n = 0; n < count; n++) {
            total += k.loss[n];
        }
        return total / count;
    }

    @Override
    public int threads() {
        return fallback.threads();
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
