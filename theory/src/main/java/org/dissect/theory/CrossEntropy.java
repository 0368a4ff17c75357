package org.dissect.theory;

/**
 * The cross-entropy loss over a linear classifier without bias, Definition 1 of the paper:
 *
 * <pre>
 *   L_CE(Z, W; Y) = (1/N) Σ_n -log( exp(&lt;z_n, w_{y_n}&gt;) / Σ_l exp(&lt;z_n, w_l&gt;) )
 * </pre>
 *
 * evaluated per point as {@code logsumexp_l <z_n, w_l> - <z_n, w_{y_n}>} with {@link LogSumExp#minus}: stable for
 * huge logits and accurate to full relative precision for tiny losses.
 */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /**
     * The average cross-entropy {@code L_CE(Z, W; Y)} of Definition 1.
     *
     * @param z N points as rows (not modified)
     * @param w K class weights as rows, same dimension as the points (not modified)
     * @param labels N labels in {@code 0..K-1} (not modified)
     * @return the mean over the points of the per-point cross-entropy
     * @throws IllegalArgumentException on mismatched shapes (a ragged point or weight row is named by its
     *         index) or a label outside {@code 0..K-1}
     */
    public static double loss(double[][] z, double[][] w, int[] labels) {
        if (z.length != labels.length || z.length == 0) {
            throw new IllegalArgumentException("need one label per point and at least one point, got "
                + z.length + " points and " + labels.length + " labels");
        }
        Checks.classCounts(labels, w.length);
        int dim = z[0].length;
        Checks.sameDimension("point", z, dim);
        Checks.sameDimension("weight", w, dim);
        double[] logits = new double[w.length];
        double sum = 0;
        for (int n = 0; n < z.length; n++) {
            for (int l = 0; l < w.length; l++) {
                logits[l] = Vectors.dot(z[n], w[l]);
            }
            sum += LogSumExp.minus(logits, 0, logits.length, logits[labels[n]]);
        }
        return sum / z.length;
    }

    /**
     * The L2-regularised objective {@code L_CE(Z, W; Y) + λ‖W‖_F²} of Corollary 2.
     *
     * @param z N points as rows (not modified)
     * @param w K class weights as rows (not modified)
     * @param labels N labels (not modified)
     * @param lambda penalty weight λ, finite and positive
     * @return cross-entropy plus penalty
     */
    public static double regularizedLoss(double[][] z, double[][] w, int[] labels, double lambda) {
        Checks.positive("lambda", lambda);
        return loss(z, w, labels) + lambda * Vectors.frobeniusSquared(w);
    }
}
