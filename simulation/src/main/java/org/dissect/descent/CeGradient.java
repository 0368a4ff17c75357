package org.dissect.descent;

import org.dissect.engine.RanOn;

/**
 * The mean cross-entropy of Definition 1 and its gradients. With logits {@code L = Z Wᵀ}, row softmax P
 * and one-hot labels Y, {@code R = (P - Y)/N}, {@code ∂L_CE/∂Z = R W} and {@code ∂L_CE/∂W = Rᵀ Z}.
 * Implementations differ only in where this runs (Java/EJML, OpenBLAS, an OpenCL kernel; {@link Engines}
 * opens them) and all pass the same contract suite.
 */
public interface CeGradient extends AutoCloseable {
    /**
     * @param z N·h points (not modified)
     * @param w K·h weights (not modified)
     * @param labels N labels in 0..K-1 (not modified)
     * @param classes K
     * @param dim h
     * @param gz N·h output (overwritten) with {@code ∂L_CE/∂Z}, or null
     * @param gw K·h output (overwritten) with {@code ∂L_CE/∂W} (penalty not included), or null
     * @return {@code L_CE(Z, W; Y)}
     */
    double lossAndGradient(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw);

    /** @return the host threads this engine computes on, which the descent's vector passes share (at least 1) */
    int threads();

    /** @return where the computation really ran (after an OpenCL failure: Java, with the reason) */
    RanOn engine();

    /** Releases the engine's resources (an OpenCL kernel); the default holds none. */
    @Override
    default void close() {
    }
}
