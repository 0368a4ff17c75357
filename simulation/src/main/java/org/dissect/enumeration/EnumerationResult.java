package org.dissect.enumeration;

import org.dissect.engine.RanOn;

/**
 * The outcome of one exact enumeration.
 *
 * @param engine where it really ran, e.g. {@code java} on {@code "2 Java threads"}, {@code opencl} on
 *        {@code "pthread-haswell-AMD EPYC (Portable Computing Language)"}, or {@code java} with the reason an OpenCL
 *        run fell back
 * @param threads the parallel workers: Java threads, or OpenCL work-items
 * @param lanes the number of independent rank ranges the space was split into
 * @param batchCount {@code |𝔅| = C(N+b-1, b)}
 * @param totalLoss {@code L_SC(Z; Y)}, the sum over all batches
 * @param seconds wall-clock time of the enumeration (setup and kernel compilation included)
 * @param gradientGram {@code ∂L/∂G} as N×N row-major, with {@code G_ik} and {@code G_ki} taken as separate
 *        variables (so {@code ∂L/∂Z = (Γ + Γᵀ) Z}), or null if not requested
 * @param gradient {@code ∂L/∂Z} as N rows of length h, or null if not requested
 * @param histogram the batch losses by label configuration, or null if not requested
 */
public record EnumerationResult(RanOn engine, int threads, int lanes, long batchCount, double totalLoss,
                                double seconds, double[] gradientGram, double[][] gradient, LossHistogram histogram) {

    /** @return the mean batch loss {@code L_SC / |𝔅|} */
    public double meanLoss() {
        return totalLoss / batchCount;
    }

    /** @return batches per second of wall-clock time */
    public double batchesPerSecond() {
        return batchCount / seconds;
    }

    /**
     * Forms {@code ∂L/∂Z = (Γ + Γᵀ) Z} from {@code Γ = ∂L/∂G}.
     *
     * @param gram Γ, N×N row-major (not modified)
     * @param points Z, N rows of length h (not modified)
     * @return N rows of length h
     */
    static double[][] pointGradient(double[] gram, double[][] points) {
        int n = points.length;
        int h = points[0].length;
        double[][] g = new double[n][h];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double w = gram[i * n + k] + gram[k * n + i];
                for (int d = 0; d < h; d++) {
                    g[i][d] += w * points[k][d];
                }
            }
        }
        return g;
    }
}
