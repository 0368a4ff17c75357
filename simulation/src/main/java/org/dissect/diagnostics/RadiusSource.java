package org.dissect.diagnostics;

/** Where the radius ρ that scales the diagnostics came from. */
public enum RadiusSource {
    /** Given by the caller: the sphere radius of SC, or the feature-norm bound of CE. */
    GIVEN("given"),
    /** Not given: estimated as the mean point norm {@code (1/N) Σ_n ‖z_n‖}. */
    MEAN_POINT_NORM("mean point norm");

    private final String label;

    RadiusSource(String label) {
        this.label = label;
    }

    /** @return a short human-readable label, also used in JSON output */
    public String label() {
        return label;
    }
}
