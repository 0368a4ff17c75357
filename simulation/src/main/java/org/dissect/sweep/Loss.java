package org.dissect.sweep;

import java.util.Locale;

/** The loss a sweep descends: the paper's two objectives. */
public enum Loss {
    /** Definition 2, supervised contrastive, on the sphere of radius ρ (bound: Theorem 2). */
    SC,
    /** Definition 1 plus {@code λ‖W‖_F²}, features in the ball of radius ρ (bound: Corollary 2). */
    CE;

    /** @return the command-line name, {@code sc} or {@code ce} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
