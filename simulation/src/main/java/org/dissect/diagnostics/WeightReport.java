package org.dissect.diagnostics;

import java.util.Optional;

/**
 * Diagnostics of the classifier weights {@code W} (K×h, row {@code w_y}) of a cross-entropy
 * configuration, against condition (C3) of Theorem 1 ({@code w_y = c·ζ_y}, {@code c > 0}) and,
 * given λ, Corollary 2 ({@code w_y = (r_W/ρ)·ζ_y}, so {@code ‖w_y‖ = r_W}). The class vertex
 * {@code ζ_y} is unknown for a general configuration; the class mean {@code μ_y} stands in for it
 * (at (C1) they coincide).
 *
 * @param cosineToMeans {@code cos(w_y, μ_y) = <w_y, μ_y>/(‖w_y‖‖μ_y‖)} over the K classes; 1 at (C3).
 *     It is flat at 1: a weight turned by a small angle θ away from its mean moves it by only θ²/2
 * @param gammaToMeans {@code γ(w_y, μ_y)} of Eq. 7 over the K classes, {@code 1 - angle(w_y, μ_y)/π}; 1 at
 *     (C3). It carries the same information as {@code cosineToMeans} but moves linearly with the angle
 * @param norms {@code ‖w_y‖} over the K classes (absolute, not divided by ρ); all equal at (C3)
 * @param equinorm NC2 of the weights: {@code std_y ‖w_y‖ / mean_y ‖w_y‖}; 0 at (C3)
 * @param simplexDeviation the weights' own Gram deviation, {@link SimplexGram#deviationAtOwnScale}:
 *     {@code max_{y,y'} |<w_y, w_y'> - G*_{yy'}|/s²} with {@code s² = (1/K) Σ_y ‖w_y‖²},
 *     {@code G*_{yy} = s²}, {@code G*_{yy'} = -s²/(K-1)}; 0 iff the weights form a regular simplex
 * @param gammaAcrossWeights γ of Eq. 7 over distinct pairs of weights; {@link Gamma#ideal} at (C3)
 * @param c3Deviation (C3) in the paper's frame: {@code ‖W/‖W‖_F - M/‖M‖_F‖_F²} with {@code M} the
 *     uncentred means; 0 iff {@code W = c·M}, {@code c > 0}
 * @param nc3 NC3 of Papyan et al.: the same with centred means {@link NeuralCollapse#nc3}
 * @param nc4 NC4 of Papyan et al.: classifier vs nearest-class-mean mismatch rate {@link NeuralCollapse#nc4Mismatch}
 * @param normsToRW present when λ was given: the weight norms against {@code r_W(ρ, λ)}
 */
public record WeightReport(Summary cosineToMeans, Summary gammaToMeans, Summary norms, double equinorm, double simplexDeviation,
                           Summary gammaAcrossWeights, double c3Deviation, double nc3, double nc4,
                           Optional<NormsToRW> normsToRW) {

    /**
     * The weight norms against the optimal norm {@code r_W(ρ, λ)} of Corollary 2 (THEORY.md).
     *
     * @param ratios {@code ‖w_y‖ / r_W} over the K classes; all 1 at the Corollary 2 optimum
     * @param maxRelativeDeviation {@code max_y |‖w_y‖ - r_W| / r_W}
     */
    public record NormsToRW(Summary ratios, double maxRelativeDeviation) {
    }
}
