package org.dissect.descent;

import org.dissect.engine.RanOn;

/**
 * The SC loss of one batch (Definition 2) and its gradient with respect to the points.
 *
 * <p>With the batch's points {@code x_p = z_{i_p}} (one row per copy), {@code s_pq = <x_p, x_q>},
 * {@code a_pq = exp(s_pq)/Σ_{r≠p} exp(s_pr)} and {@code P_p} the positions {@code q ≠ p} of the same class,
 * the batch loss is {@code Σ_p [log Σ_{q≠p} exp(s_pq) - (1/|P_p|) Σ_{q∈P_p} s_pq]} (anchors with empty
 * {@code P_p} contribute 0), so {@code ∂ℓ/∂s_pq = C_pq = a_pq - [q∈P_p]/|P_p|} and the gradient of the
 * copy at position p is {@code Σ_q (C_pq + C_qp) x_q}; copies of the same index add up.
 * Implementations differ only in where this runs (Java/EJML, OpenBLAS, an OpenCL kernel; {@link Engines}
 * opens them) and all pass the same contract suite.
 */
public interface ScBatchGradient extends AutoCloseable {
    /**
     * Evaluates the batch loss and its gradient with respect to each copy's point.
     *
     * @param z all N points, flat row-major N·h (not modified)
     * @param dim h
     * @param labels N labels (not modified)
     * @param batch the multiset as m indices, once per copy (not modified)
     * @param grad m·h output (overwritten): row p is {@code ∂ℓ/∂x_p}, the gradient with respect to the
     *        copy at position p (the gradient with respect to {@code z_i} is the sum over the copies of i);
     *        null for the loss alone
     * @return the batch loss {@code ℓ_SC(Z; Y, B)}
     */
    double lossAndGradient(double[] z, int dim, int[] labels, int[] batch, double[] grad);

    /** @return where the computation really ran (after an OpenCL failure: Java, with the reason) */
    RanOn engine();

    /**
     * @return the host threads this engine computes on; the SGD step's own row loops use as many (default 1)
     */
    default int threads() {
        return 1;
    }

    /** Releases the engine's resources (an OpenCL kernel, threads); the default holds none. */
    @Override
    default void close() {
    }
}
