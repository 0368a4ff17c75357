package org.dissect.descent;

import org.dissect.enumeration.Engine;
import org.dissect.opencl.OpenClRuntime;

/**
 * Opens the descent's gradient engines for an engine choice: {@code java} (EJML), {@code opencl} (Aparapi
 * kernels; an error when no device is present) or {@code auto} (OpenCL when a device is present, else Java).
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
            case AUTO -> OpenClRuntime.device().isPresent();
            default -> false;
        };
    }
}
