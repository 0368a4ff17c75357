package org.dissect.train;

import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;

/**
 * Maps an engine choice to the encoder's {@link Gemm}, by the rule of {@code org.dissect.descent.Engines} for the
 * descent's dense products: {@code auto} is OpenBLAS when its natives load (an encoder's products, thousands to
 * millions of multiply-adds each, are all above {@code Engines.BLAS_MIN_FLOPS}) and Java otherwise, the Java engine
 * then reporting why as its fallback. There is no OpenCL encoder.
 */
public final class GemmEngines {
    private GemmEngines() {
    }

    /**
     * @param choice auto, java or blas
     * @param threads OpenBLAS threads, at least 1 (the Java engine runs on one)
     * @return the engine, to be closed after use
     * @throws IllegalArgumentException for opencl or naive, or blas without its natives
     */
    public static Gemm open(Engine choice, int threads) {
        return switch (choice) {
            case AUTO -> OpenBlas.available() ? new BlasGemm(threads) : new JavaGemm(OpenBlas.unavailable().orElse(null));
            case BLAS -> {
                OpenBlas.require();
                yield new BlasGemm(threads);
            }
            case JAVA -> new JavaGemm(null);
            case OPENCL, NAIVE -> throw new IllegalArgumentException("--engine " + choice.label()
                + " is not available for training an encoder: use auto, java or blas");
        };
    }
}
