package org.dissect.descent;

import org.dissect.engine.RanOn;

/**
 * The mean SC loss over all {@code C(N+b-1, b)} multiset batches, {@code L_SC/|𝔅|}, and its gradient: the
 * objective of exact-mode descent (implemented by the enumeration engine).
 */
public interface ExactScLoss {
    /**
     * @param z N·h points (not modified)
     * @param gradient N·h output (overwritten) with {@code ∂(L_SC/|𝔅|)/∂Z}, or null for the loss alone
     * @return {@code L_SC/|𝔅|}
     */
    double meanLossAndGradient(double[] z, double[] gradient);

    /** @return where the last evaluation really ran */
    RanOn engine();
}
