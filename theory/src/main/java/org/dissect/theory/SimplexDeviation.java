package org.dissect.theory;

/**
 * Distance of K points from a ρ-sphere-inscribed regular simplex (Definition 3), dimensionless.
 *
 * @param sumNorm (S1): {@code ‖Σ_i ζ_i‖ / ρ}
 * @param normDeviation (S2): {@code max_i |‖ζ_i‖ - ρ| / ρ}
 * @param innerProductDeviation (S3): {@code max_{i≠j} |<ζ_i, ζ_j> + ρ²/(K-1)| / ρ²}
 */
public record SimplexDeviation(double sumNorm, double normDeviation, double innerProductDeviation) {

    /** @return the largest of the three deviations */
    public double max() {
        return Math.max(sumNorm, Math.max(normDeviation, innerProductDeviation));
    }

    /**
     * @param tolerance largest accepted deviation
     * @return whether (S1), (S2) and (S3) all hold within {@code tolerance}
     */
    public boolean holds(double tolerance) {
        return max() <= tolerance;
    }
}
