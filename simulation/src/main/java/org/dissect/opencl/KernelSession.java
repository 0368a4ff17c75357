package org.dissect.opencl;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;

/**
 * One Aparapi kernel held on the OpenCL device for the life of an engine, with honest fallback: the
 * kernel is compiled explicitly once ({@code Kernel.compile(device)} throws instead of falling back),
 * every launch is checked with {@link OpenClRuntime#failure}, and the first failure is recorded, the kernel
 * released, and {@link #fellBack()} turns true, after which the engine must compute in Java and report
 * {@link #engine} as a Java fallback with the reason. The descent's OpenCL engines and the
 * enumeration's share it: the fallback logic lives here only.
 *
 * @param <K> the kernel type
 */
public final class KernelSession<K extends Kernel> implements AutoCloseable {
    private final OpenCLDevice device;
    private final K kernel;
    private boolean compiled;
    private String fallbackReason;

    /**
     * @param kernel the kernel, switched to explicit buffer transfers
     * @throws IllegalArgumentException if no OpenCL device is present
     */
    public KernelSession(K kernel) {
        this.device = OpenClRuntime.require();
        this.kernel = kernel;
        kernel.setExplicit(true);
    }

    /** @return the kernel, to set its fields and {@code put}/{@code get} its arrays */
    public K kernel() {
        return kernel;
    }

    /** @return whether a failure sent this engine to Java for good */
    public boolean fellBack() {
        return fallbackReason != null;
    }

    /** @return whether every launch so far ran on the OpenCL device */
    public boolean ranOnOpenCl() {
        return compiled && fallbackReason == null;
    }

    /**
     * Compiles the kernel on first use.
     *
     * @return true if the kernel is compiled for the device; false after recording the failure
     */
    public boolean compile() {
        if (compiled || fellBack()) {
            return !fellBack();
        }
        try {
            kernel.compile(device);
            compiled = true;
            return true;
        } catch (CompileFailedException | RuntimeException | AssertionError e) {
            // Aparapi signals some refusals (e.g. -Dcom.aparapi.executionMode=JTP) with an AssertionError
            fail("kernel not compiled for OpenCL: " + OpenClRuntime.oneLine(e.getMessage()));
            return false;
        }
    }

    /**
     * Executes the kernel over {@code items} work-items and checks that it ran on the device.
     *
     * @param items the global size
     * @param capture Aparapi's warnings during the launch
     * @return true if it ran on OpenCL; false after recording why not
     */
    public boolean launch(int items, OpenClRuntime.WarningCapture capture) {
        kernel.execute(device.createRange(items));
        String failure = OpenClRuntime.failure(kernel, device, capture);
        if (failure != null) {
            fail(failure);
            return false;
        }
        return true;
    }

    private void fail(String reason) {
        fallbackReason = reason;
        kernel.dispose();
    }

    /**
     * @param java what the Java engine that takes over after a failure reports
     * @return {@code opencl} on the device; after a failure, {@code java} with {@code "Aparapi: REASON"} as the
     *         fallback
     */
    public RanOn engine(RanOn java) {
        return fallbackReason == null ? new RanOn(Engine.OPENCL, OpenClRuntime.describe(device), null)
            : java.withFallback("Aparapi: " + fallbackReason);
    }

    @Override
    public void close() {
        if (!fellBack()) {
            kernel.dispose();
        }
    }
}
