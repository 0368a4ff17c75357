package org.dissect.descent;

import com.aparapi.device.Device;
import org.dissect.enumeration.Engine;
import org.dissect.opencl.OpenClRuntime;

/**
 * Opens the descent's gradient engines for an engine choice: {@code java} (EJML), {@code opencl} (Aparapi
 * kernels; an error when no device is present) or {@code auto}: OpenCL on a GPU or accelerator, else Java.
 *
 * <p>{@code auto} leaves a CPU OpenCL device (PoCL) to explicit {@code --engine opencl}: there the kernels run on
 * the same cores as EJML and are slower (bench/README.md, "Descent"), and two long runs of thousands of
 * launches (100k-step SGD, a JMH fork) ended in a SIGSEGV inside Aparapi's {@code KernelRunner} on PoCL 3.1.
 * The exact enumeration engine keeps its own {@code auto} (OpenCL whenever a device exists): it launches its
 * kernel a few times per run.
 */
public final class DescentEngines {
    private DescentEngines() {
    }

    /**
     * @param choice the engine choice
     * @return the single-batch SC engine
     * @throws IllegalArgumentException for {@code opencl} without a device
     */
    public static ScBatchGradient scBatch(Engine choice) {
        return useOpenCl(choice) ? new OpenClScBatchGradient() : new JavaScBatchGradient();
    }

    /**
     * @param choice the engine choice
     * @return the cross-entropy engine
     * @throws IllegalArgumentException for {@code opencl} without a device
     */
    public static CeGradient crossEntropy(Engine choice) {
        return useOpenCl(choice) ? new OpenClCeGradient() : new JavaCeGradient();
    }

    private static boolean useOpenCl(Engine choice) {
        return switch (choice) {
            case OPENCL -> true;
            case AUTO -> OpenClRuntime.device().filter(d -> d.getType() != Device.TYPE.CPU).isPresent();
            default -> false;
        };
    }
}
