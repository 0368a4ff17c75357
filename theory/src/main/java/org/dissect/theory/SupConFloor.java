package org.dissect.theory;

/**
 * The practitioner's floor: the smallest value Khosla et al.'s reported SupCon loss can take in
 * expectation, for a real training setup, and the uninformative level that brackets it from above.
 *
 * <p>Setup: K classes, a balanced data set of N instances, batches of {@code bsz} instances each with
 * {@code views} augmented views ({@code M = bsz·views} anchors), temperature τ and base temperature
 * τ_base. With {@code ρ² = 1/τ} and every class collapsed to a vertex of the regular simplex, a class
 * with {@code c} instances in the batch contributes {@code cV} anchors of loss
 * {@code log(cV - 1 + (M - cV)·exp(-Kρ²/(K-1)))} each (0 if {@code cV < 2}), so by linearity
 *
 * <pre>
 *   floor = (τ/τ_base) · (K/M) · E_c[ cV·log(cV - 1 + (M - cV)·exp(-K/(τ(K-1)))) ]
 * </pre>
 *
 * over the distribution of one class's count under the {@link BatchSampling}. When all features
 * coincide every logit is equal and each anchor with a positive has loss {@code log(M-1)}:
 *
 * <pre>
 *   uninformativeLevel = (τ/τ_base) · log(M-1) · (K/M) · E_c[ cV·1{cV ≥ 2} ]
 * </pre>
 *
 * which is {@code (τ/τ_base)·log(M-1)} when {@code V ≥ 2}. Training in high dimension starts there.
 *
 * @param lossFloor the expected reported loss at the simplex
 * @param uninformativeLevel the expected reported loss when all features coincide
 */
public record SupConFloor(double lossFloor, double uninformativeLevel) {

    /**
     * Computes the floor and the uninformative level of a training setup.
     *
     * @param classes K, at least 2
     * @param size data set size N, a multiple of K
     * @param batch instances per batch {@code bsz}, at least 1
     * @param views views per instance V, at least 1, with {@code bsz·V ≥ 2}
     * @param temperature τ, finite and positive
     * @param baseTemperature τ_base, finite and positive (Khosla et al.: 0.07)
     * @param sampling how batches are drawn
     * @return the floor and the level
     */
    public static SupConFloor of(int classes, int size, int batch, int views, double temperature,
                                 double baseTemperature, BatchSampling sampling) {
        Checks.atLeast("views", views, 1);
        Checks.positive("temperature", temperature);
        Checks.positive("base temperature", baseTemperature);
        long anchors = Checks.atLeast("anchors per batch (bsz*views)", (long) batch * views, 2);
        double[] p = sampling.classCountDistribution(classes, size, batch);
        double e = Math.exp(-classes / (temperature * (classes - 1)));
        double floor = 0;
        double withPositive = 0;
        for (int c = 1; c <= batch; c++) {
            long a = (long) c * views;
            if (a < 2 || p[c] == 0) {
                continue;
            }
            floor += p[c] * a * (Math.log(a - 1) + Math.log1p((anchors - a) * e / (a - 1)));
            withPositive += p[c] * a;
        }
        double scale = temperature / baseTemperature * classes / anchors;
        return new SupConFloor(scale * floor, scale * withPositive * Math.log(anchors - 1));
    }
}
