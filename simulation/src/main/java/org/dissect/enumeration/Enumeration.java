package org.dissect.enumeration;

import org.dissect.engine.RanOn;

/**
 * An engine that evaluates the SC loss of Definition 2 summed over every multiset batch,
 * {@code L_SC(Z; Y) = Σ_{B ∈ 𝔅} ℓ_SC(Z; Y, B)}, exactly (every batch visited once, no sampling).
 *
 * <p>Every implementation runs the same test suite against {@link NaiveEnumeration}. Engines may hold
 * resources (a thread pool, a compiled OpenCL kernel) across calls, which exact gradient descent relies
 * on: open once, call {@link #enumerate} once per step, close at the end.
 */
public interface Enumeration extends AutoCloseable {
    /**
     * Enumerates every batch of the problem.
     *
     * @param problem the points, labels and batch size (not modified)
     * @param request what to compute besides the total loss
     * @return the total loss and what the request asked for
     * @throws IllegalArgumentException if the request cannot be served (e.g. a histogram with too many
     *         configurations)
     */
    EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request);

    /** @return where this engine runs (after an OpenCL failure: Java, with the reason) */
    RanOn engine();

    /** Releases the engine's resources; the default does nothing. */
    @Override
    default void close() {
    }
}
