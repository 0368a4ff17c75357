package org.dissect.theory;

/**
 * The Corollary 2 bound on {@code L_CE + λ‖W‖_F²}, split into its two parts.
 *
 * @param rW the weight norm {@code r_W(ρ, λ)} at which the bound is attained
 * @param ce the cross-entropy part {@code log(1 + (K-1)·exp(-Kρr_W/(K-1)))}
 * @param penalty the penalty part {@code λ·K·r_W²}
 */
public record PenalizedBound(double rW, double ce, double penalty) {
    /** @return the bound, {@code ce + penalty} */
    public double bound() {
        return ce + penalty;
    }
}
