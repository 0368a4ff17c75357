package org.dissect.theory;

/**
 * The supervised contrastive (SC) loss of one batch, Definition 2 of the paper, and the mean form
 * that Khosla et al. (2020) report in their training logs.
 *
 * <p>A batch {@code B} is a multiset of point indices, given as an array in which an index appears
 * once per copy. With {@code B_y} the sub-multiset of label {@code y},
 *
 * <pre>
 *   ℓ_SC(Z; Y, B) = Σ_{i ∈ B} -1/(|B_{y_i}| - 1) Σ_{j ∈ B_{y_i} \ {{i}}} log( exp(&lt;z_i, z_j&gt;) / Σ_{k ∈ B \ {{i}}} exp(&lt;z_i, z_k&gt;) )
 * </pre>
 *
 * Copies count as anchors and as positives ({@code B \ {{i}}} removes exactly one copy, so another
 * copy of {@code i} is a positive with {@code <z_i, z_i> = ‖z_i‖²}). An anchor whose class has no
 * other member in the batch contributes 0 (the convention 0/0 = 0). Each anchor's term is evaluated
 * as {@code logsumexp_{k} s_ik - mean_{j} s_ij} with {@link LogSumExp#minus}: stable for any radius, and
 * accurate to full relative precision when the loss is tiny (collapsed classes at a large radius).
 */
public final class SupervisedContrastive {
    /** Khosla et al.'s default base temperature {@code τ_base = 0.07}. */
    public static final double DEFAULT_BASE_TEMPERATURE = 0.07;

    private SupervisedContrastive() {
    }

    /**
     * The batch loss {@code ℓ_SC(Z; Y, B)} of Definition 2.
     *
     * @param z points as rows (not modified)
     * @param labels one label per point (not modified)
     * @param batch the multiset B as point indices, repeated once per copy (not modified)
     * @return the batch loss, a sum over the {@code |B|} anchors
     */
    public static double batchLoss(double[][] z, int[] labels, int[] batch) {
        return anchorLossSum(z, labels, batch, 1.0);
    }

    /**
     * Khosla et al.'s reported SupCon loss of one batch of L2-normalised features: the mean over all
     * {@code M} anchors of {@code -(τ/τ_base)·mean_{positives} log softmax(<u_i, u_k>/τ)}, anchors
     * without a positive counting in the mean with loss 0. With {@code ρ² = 1/τ} it equals
     * {@code (τ/τ_base)/M} times the Definition 2 batch loss of the features scaled to radius ρ.
     *
     * @param features the M anchors (all views of all instances) as rows (not modified)
     * @param labels one label per anchor (not modified)
     * @param temperature τ, finite and positive
     * @param baseTemperature τ_base, finite and positive
     * @return the mean loss per anchor as a training log reports it
     */
    public static double khoslaReported(double[][] features, int[] labels, double temperature,
                                        double baseTemperature) {
        Checks.positive("temperature", temperature);
        Checks.positive("base temperature", baseTemperature);
        int[] all = new int[features.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double sum = anchorLossSum(features, labels, all, 1.0 / temperature);
        return temperature / baseTemperature * sum / features.length;
    }

    /** Σ over the anchors of {@code logsumexp_{k≠i} scale·s_ik - mean_{j positive} scale·s_ij}. */
    private static double anchorLossSum(double[][] z, int[] labels, int[] batch, double scale) {
        int m = batch.length;
        double[] logits = new double[m];
        double total = 0;
        for (int p = 0; p < m; p++) {
            int i = batch[p];
            double positiveSum = 0;
            int positives = 0;
            int filled = 0;
            for (int q = 0; q < m; q++) {
                if (q == p) {
                    continue;
                }
                int k = batch[q];
                double s = scale * Vectors.dot(z[i], z[k]);
                logits[filled++] = s;
                if (labels[k] == labels[i]) {
                    positiveSum += s;
                    positives++;
                }
            }
            if (positives > 0) {
                total += LogSumExp.minus(logits, 0, filled, positiveSum / positives);
            }
        }
        return total;
    }
}
