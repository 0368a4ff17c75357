package org.dissect.diagnostics;

import java.util.Optional;
import org.dissect.theory.Checks;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.Vectors;

/**
 * Computes the "confirm collapse" diagnostics ({@link CollapseReport}) of any configuration: points
 * {@code Z} (N×h), labels {@code y_n ∈ 0..K-1}, optionally a radius ρ, classifier weights {@code W}
 * (K×h) and the L2 penalty λ of Corollary 2.
 *
 * <p>Usage (immutable; each {@code with…} returns a new object):
 *
 * <pre>{@code
 * CollapseReport r = CollapseDiagnostics.of(z, labels, classes)
 *     .withRadius(rho)        // optional; default: the mean point norm
 *     .withWeights(w)         // optional (CE)
 *     .withLambda(lambda)     // optional (CE with L2 penalty): compares ‖w_y‖ with r_W(ρ, λ)
 *     .compute();
 * }</pre>
 *
 * <p>The arrays are checked when given, then read (never modified, never copied) by {@link #compute()}.
 * Labels need not be balanced (the diagnostics describe any configuration; the theorems assume balance),
 * but every class must have a point. Every bad argument is an {@link IllegalArgumentException} with a
 * one-line message.
 */
public final class CollapseDiagnostics {
    private final double[][] points;
    private final int[] labels;
    private final int classes;
    private final int dimension;
    private final double rho;
    private final double[][] weights;
    private final double lambda;

    private CollapseDiagnostics(double[][] points, int[] labels, int classes, int dimension, double rho,
                                double[][] weights, double lambda) {
        this.points = points;
        this.labels = labels;
        this.classes = classes;
        this.dimension = dimension;
        this.rho = rho;
        this.weights = weights;
        this.lambda = lambda;
    }

    /**
     * Starts diagnostics of a configuration.
     *
     * @param points N ≥ 1 points as rows of equal length h ≥ 1, finite (not modified)
     * @param labels N labels in {@code 0..K-1}, every class present (not modified)
     * @param classes K ≥ 2
     * @return diagnostics with ρ estimated, no weights and no λ
     * @throws IllegalArgumentException on a shape mismatch, a non-finite coordinate, a label out of
     *     range or an empty class
     */
    public static CollapseDiagnostics of(double[][] points, int[] labels, int classes) {
        int dim = Inputs.matrix("points", points);
        Inputs.labels(labels, points.length, classes);
        return new CollapseDiagnostics(points, labels, classes, dim, Double.NaN, null, Double.NaN);
    }

    /**
     * Sets the radius ρ that scales the statistics: the sphere radius (SC) or the feature-norm bound (CE).
     *
     * @param radius ρ, finite and positive
     * @return a copy with this radius
     * @throws IllegalArgumentException if ρ is not finite and positive
     */
    public CollapseDiagnostics withRadius(double radius) {
        Checks.positive("radius rho", radius);
        return new CollapseDiagnostics(points, labels, classes, dimension, radius, weights, lambda);
    }

    /**
     * Adds classifier weights.
     *
     * @param classifier K×h weights, row {@code w_y}, finite (not modified)
     * @return a copy with these weights
     * @throws IllegalArgumentException if the shape is not K×h or a weight is not finite
     */
    public CollapseDiagnostics withWeights(double[][] classifier) {
        Inputs.matrix("weights", classifier, classes, dimension, "K x h");
        return new CollapseDiagnostics(points, labels, classes, dimension, rho, classifier, lambda);
    }

    /**
     * Sets the L2 penalty λ of Corollary 2, so that the report holds {@code r_W(ρ, λ)} and, with
     * weights, compares their norms with it.
     *
     * @param penalty λ, finite and positive
     * @return a copy with this λ
     * @throws IllegalArgumentException if λ is not finite and positive
     */
    public CollapseDiagnostics withLambda(double penalty) {
        Checks.positive("lambda", penalty);
        return new CollapseDiagnostics(points, labels, classes, dimension, rho, weights, penalty);
    }

    /**
     * Computes every diagnostic.
     *
     * @return the report
     * @throws IllegalArgumentException if ρ was not given and the mean point norm is 0, or if
     *     {@code r_W(ρ, λ)} cannot be computed (its bracket {@code ρ/(2λK)} overflows)
     */
    public CollapseReport compute() {
        RadiusSource source = Double.isNaN(rho) ? RadiusSource.MEAN_POINT_NORM : RadiusSource.GIVEN;
        double r = source == RadiusSource.GIVEN ? rho : meanPointNorm(points);
        if (!(r > 0)) {
            throw new IllegalArgumentException("radius rho: the mean point norm is " + r
                + " (all points are zero); give rho explicitly");
        }
        double[][] means = Vectors.classMeans(points, labels, classes);
        double[] meanNorms = new double[classes];
        for (int y = 0; y < classes; y++) {
            meanNorms[y] = Vectors.norm(means[y]) / r;
        }
        double[][] centredMeans = NeuralCollapse.centred(means, NeuralCollapse.globalMean(points));
        double rW = Double.isNaN(lambda) ? Double.NaN : CrossEntropyBounds.rW(classes, r, lambda);
        Optional<WeightReport> weightReport = weights == null ? Optional.empty()
            : Optional.of(weightReport(means, centredMeans, rW));
        return new CollapseReport(points.length, dimension, classes, r, source,
            withinClassSpread(points, labels, means, r),
            SimplexGram.deviation(means, r * r),
            RegularSimplex.deviation(means, r),
            Summary.of(meanNorms),
            classes <= dimension + 1,
            Gamma.acrossPairs(means),
            Gamma.toClassMeans(points, labels, means),
            Gamma.ideal(classes),
            NeuralCollapse.nc1(points, labels, means),
            NeuralCollapse.equinorm(centredMeans),
            NeuralCollapse.equiangularity(centredMeans),
            lambda, rW, weightReport);
    }

    /**
     * The mean point norm {@code (1/N) Σ_n ‖z_n‖}, the default radius.
     *
     * @param points points as rows (not modified)
     * @return the mean norm
     */
    public static double meanPointNorm(double[][] points) {
        Inputs.matrix("points", points);
        double s = 0;
        for (double[] z : points) {
            s += Vectors.norm(z);
        }
        return s / points.length;
    }

    /**
     * Within-class spread {@code ‖z_n - μ_{y_n}‖ / ρ} over the N points: 0 iff every point equals its class
     * mean, as (C1) requires.
     *
     * @param points points as rows (not modified)
     * @param labels labels, indices into {@code means} (not modified)
     * @param means class means as rows (not modified)
     * @param radius ρ, finite and positive
     * @return the summary over the N points
     */
    public static Summary withinClassSpread(double[][] points, int[] labels, double[][] means, double radius) {
        int dim = Inputs.matrix("points", points);
        Inputs.sameDimension("points", dim, "means", Inputs.matrix("means", means));
        Inputs.labelsIndex(labels, points.length, means.length);
        Checks.positive("radius rho", radius);
        double[] spread = new double[points.length];
        for (int n = 0; n < points.length; n++) {
            double[] mu = means[labels[n]];
            double s = 0;
            for (int k = 0; k < dim; k++) {
                double d = points[n][k] - mu[k];
                s += d * d;
            }
            spread[n] = Math.sqrt(s) / radius;
        }
        return Summary.of(spread);
    }

    private WeightReport weightReport(double[][] means, double[][] centredMeans, double rW) {
        double[] cos = new double[classes];
        double[] norms = new double[classes];
        for (int y = 0; y < classes; y++) {
            norms[y] = Vectors.norm(weights[y]);
            double c = Vectors.dot(weights[y], means[y]) / (norms[y] * Vectors.norm(means[y]));
            cos[y] = Math.max(-1, Math.min(1, c));
        }
        Optional<WeightReport.NormsToRW> toRW = Optional.empty();
        if (!Double.isNaN(rW)) {
            double[] ratios = new double[classes];
            double dev = 0;
            for (int y = 0; y < classes; y++) {
                ratios[y] = norms[y] / rW;
                dev = Math.max(dev, Math.abs(norms[y] - rW) / rW);
            }
            toRW = Optional.of(new WeightReport.NormsToRW(Summary.of(ratios), dev));
        }
        double[] gamma = new double[classes];
        for (int y = 0; y < classes; y++) {
            gamma[y] = Gamma.value(weights[y], means[y]);
        }
        return new WeightReport(Summary.of(cos), Summary.of(gamma), Summary.of(norms),
            NeuralCollapse.equinorm(weights),
            SimplexGram.deviationAtOwnScale(weights),
            Gamma.acrossPairs(weights),
            NeuralCollapse.nc3(weights, means),
            NeuralCollapse.nc3(weights, centredMeans),
            NeuralCollapse.nc4Mismatch(points, means, weights),
            toRW);
    }
}
