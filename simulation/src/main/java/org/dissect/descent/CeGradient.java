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
    default double lossAndGradient(double[] z, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw) {
        return lossAndGradient(z, 0, w, labels, classes, dim, gz, gw);
    }

    /**
     * {@link #lossAndGradient(double[], double[], int[], int, int, double[], double[])} with the points and their
     * gradient at an offset of longer arrays (the descent's variable vector {@code [W | Z]}, without copying Z out).
     *
     * @param z the N·h points at {@code z[from .. from + N·h)} (not modified)
     * @param from the offset of the points in z and in gz
     * @param w K·h weights (not modified)
     * @param labels N labels in 0..K-1 (not modified)
     * @param classes K
     * @param dim h
     * @param gz output: {@code ∂L_CE/∂Z} overwrites {@code gz[from .. from + N·h)} (the rest is not modified), or null
     * @param gw K·h output (overwritten) with {@code ∂L_CE/∂W} (penalty not included), or null
     * @return {@code L_CE(Z, W; Y)}
     */
    double lossAndGradient(double[] z, int from, double[] w, int[] labels, int classes, int dim, double[] gz, double[] gw);

    /** @return the host threads this engine computes on, which the descent's vector passes share (at least 1) */
    int threads();

    /** @return where the computation really ran (after an OpenCL failure: Java, with the reason) */
    RanOn engine();

    /** Releases the engine's resources (an OpenCL kernel); the default holds none. */
    @Override
    default void close() {
    }
}
