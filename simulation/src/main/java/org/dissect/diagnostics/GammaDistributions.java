package org.dissect.diagnostics;

import java.util.Arrays;
import java.util.Optional;
import org.dissect.theory.Vectors;

/**
 * The three distributions of γ (Eq. 7, {@link Gamma}) that Fig. 7 of the paper plots for one encoder:
 * (1) across the {@code K(K-1)/2} distinct pairs of class means, (2) across the distinct pairs of class
 * weights (when there is a classifier) and (3) between each of the N points and its class mean. At a
 * regular simplex with every class collapsed, (1) and (2) all equal {@link #ideal()}
 * {@code = 1 - arccos(-1/(K-1))/π} and (3) all equal 1.
 *
 * <p>The values are those of the points as given: γ does not depend on the length of either vector, but a
 * class mean does depend on the lengths of its points, so projecting the points on a sphere first changes
 * (1) and (3) unless every point already has the same norm.
 *
 * @param classes K
 * @param acrossMeans {@code γ(μ_i, μ_j)}, {@code i < j}; NaN where a class mean is zero
 * @param acrossWeights {@code γ(w_i, w_j)}, {@code i < j}, present when weights were given; NaN where a
 *     weight is zero
 * @param toMeans {@code γ(z_n, μ_{y_n})} in point order; NaN where a point or its mean is zero
 */
public record GammaDistributions(int classes, double[] acrossMeans, Optional<double[]> acrossWeights, double[] toMeans) {

    /**
     * The three distributions of a configuration.
     *
     * @param points N ≥ 1 points as rows of equal length h ≥ 1, finite (not modified)
     * @param labels N labels in {@code 0..K-1}, every class present (not modified)
     * @param classes K ≥ 2
     * @param weights K×h classifier weights, finite (not modified), or null for none
     * @return the distributions
     * @throws IllegalArgumentException on a shape mismatch, a non-finite value, a label out of range or an
     *     empty class
     */
    public static GammaDistributions of(double[][] points, int[] labels, int classes, double[][] weights) {
        int dim = Inputs.matrix("points", points);
        Inputs.labels(labels, points.length, classes);
        if (weights != null) {
            Inputs.matrix("weights", weights, classes, dim, "K x h");
        }
        double[][] means = Vectors.classMeans(points, labels, classes);
        return new GammaDistributions(classes, Gamma.acrossPairsValues(means),
            weights == null ? Optional.empty() : Optional.of(Gamma.acrossPairsValues(weights)),
            Gamma.toClassMeansValues(points, labels, means));
    }

    /** @return {@link Gamma#ideal(int)} at K: the value of (1) and (2) at a regular simplex */
    public double ideal() {
        return Gamma.ideal(classes);
    }

    /**
     * @param values a distribution of this record
     * @return the number of NaN values (γ undefined: a zero point, mean or weight)
     */
    public static long undefined(double[] values) {
        return Arrays.stream(values).filter(Double::isNaN).count();
    }
}
