package org.dissect.train;

import java.util.Locale;

/** The three losses of the paper's network experiments (Sec. 5 and Figs 2, 7, 8). */
public enum TrainingLoss {
    /** Cross-entropy (Definition 1) with a linear head trained jointly with the encoder, no bias. */
    CE,
    /**
     * Cross-entropy with the head fixed a priori at a regular simplex inscribed in the unit sphere
     * ({@code RegularSimplex.regularSimplex(K, h, 1)}: {@code ‖w_y‖ = 1}, {@code <w_y, w_k> = -1/(K-1)}); needs
     * {@code K ≤ h + 1}.
     */
    CE_FIX,
    /**
     * Supervised contrastive (Definition 2) on the features projected onto the sphere of radius ρ
     * ({@code z = ρ f/‖f‖}); the training objective is the batch loss divided by the batch size b (the mean per anchor).
     */
    SC;

    /** @return the command line's name: {@code ce}, {@code ce-fix}, {@code sc} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param label {@code ce}, {@code ce-fix} or {@code sc} (any case)
     * @return the loss
     * @throws IllegalArgumentException for another name
     */
    public static TrainingLoss parse(String label) {
        for (TrainingLoss l : values()) {
            if (l.label().equalsIgnoreCase(label)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + label + "': expected ce, ce-fix or sc");
    }

    /** @return whether the loss has a classifier head (CE, CE-fix); SC has none and is read out by the probe */
    public boolean hasHead() {
        return this != SC;
    }
}
