package org.dissect.diagnostics;

import org.dissect.theory.Checks;
import org.dissect.theory.Vectors;

/**
 * The geometry statistic γ of Eq. 7 (Section 5.2 of the paper; THEORY.md, "Geometry statistic"):
 *
 * <pre>    γ(x, y) = 1 - arccos( &lt;x/‖x‖, y/‖y‖&gt; ) / π  ∈ [0, 1]</pre>
 *
 * <p>γ is 1 for parallel vectors, 1/2 for orthogonal ones and 0 for opposite ones. The paper reports
 * its distribution (1) across distinct class means, (2) across distinct class weights and (3) between
 * each point and its class mean; at a regular simplex (1) and (2) equal {@link #ideal(int)} and (3)
 * equals 1.
 *
 * <p><b>Numerics.</b> The angle is computed as {@code θ = 2·atan2(‖x̂ - ŷ‖, ‖x̂ + ŷ‖)} with
 * {@code x̂ = x/‖x‖}, {@code ŷ = y/‖y‖} (Kahan, "How futile are mindless assessments of roundoff",
 * 2006). In real arithmetic this is exactly {@code arccos(<x̂, ŷ>)}, but {@code arccos} is
 * ill-conditioned at ±1: a cosine rounded to {@code 1 - 2^-53} gives an angle of about {@code 1.5e-8},
 * so the arccos form can neither certify γ = 1 to better than about {@code 5e-9} nor see a
 * perturbation smaller than about {@code 1e-8}. The atan2 form is accurate to a few ulps of the
 * angle everywhere and lies in {@code [0, π]} by construction, so the cosine needs no clamping into
 * {@code [-1, 1]} (the clamp the arccos form would need against rounding).
 *
 * <p><b>Zero vectors.</b> The direction of a zero vector is undefined, so γ of a zero vector is NaN
 * (and a {@link Summary} containing it is NaN).
 */
public final class Gamma {
    private Gamma() {
    }

    /**
     * γ(x, y) of Eq. 7.
     *
     * @param x first vector (not modified)
     * @param y second vector (not modified), same length
     * @return {@code 1 - angle(x, y)/π} in {@code [0, 1]}; NaN if either vector is zero
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double value(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("gamma needs vectors of equal length, got " + x.length + " and " + y.length);
        }
        return ofUnits(unit(x), unit(y));
    }

    /**
     * The value of γ at a regular simplex of K vertices: {@code 1 - arccos(-1/(K-1))/π}
     * (the cosine between distinct vertices is {@code -1/(K-1)}, (S3) of Definition 3 divided by ρ²).
     *
     * @param classes number of classes K, at least 2
     * @return the ideal γ across distinct means or weights: 0 for K = 2, 1/3 for K = 3, tending to 1/2
     */
    public static double ideal(int classes) {
        Checks.atLeast("classes K", classes, 2);
        return 1 - Math.acos(-1.0 / (classes - 1)) / Math.PI;
    }

    /**
     * γ over all distinct pairs of rows, {@code {γ(r_i, r_j) : i < j}}: statistics (1) and (2) of
     * Section 5.2 when the rows are class means or class weights.
     *
     * @param rows vectors as rows, of equal length (not modified)
     * @return the summary of the {@code K(K-1)/2} values
     */
    public static Summary acrossPairs(double[][] rows) {
        return Summary.of(acrossPairsValues(rows));
    }

    /**
     * The values behind {@link #acrossPairs(double[][])}, for plotting their distribution (Fig. 7).
     *
     * @param rows vectors as rows, of equal length (not modified)
     * @return the {@code K(K-1)/2} values {@code γ(r_i, r_j)}, {@code i < j}, in the order
     *     {@code (0,1), (0,2), …, (K-2,K-1)}; NaN where a row is zero
     */
    public static double[] acrossPairsValues(double[][] rows) {
        double[][] units = units(rows);
        int k = rows.length;
        double[] g = new double[k * (k - 1) / 2];
        int idx = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                g[idx++] = ofUnits(units[i], units[j]);
            }
        }
        return g;
    }

    /**
     * γ between each point and its class mean, {@code {γ(z_n, μ_{y_n}) : n}}: statistic (3) of
     * Section 5.2.
     *
     * @param points points {@code z_n} as rows (not modified)
     * @param labels labels, indices into {@code means} (not modified)
     * @param means class means {@code μ_y} as rows (not modified)
     * @return the summary of the N values
     */
    public static Summary toClassMeans(double[][] points, int[] labels, double[][] means) {
        return Summary.of(toClassMeansValues(points, labels, means));
    }

    /**
     * The values behind {@link #toClassMeans(double[][], int[], double[][])}, for plotting their distribution
     * (Fig. 7).
     *
     * @param points points {@code z_n} as rows (not modified)
     * @param labels labels, indices into {@code means} (not modified)
     * @param means class means {@code μ_y} as rows (not modified)
     * @return the N values {@code γ(z_n, μ_{y_n})} in point order; NaN where a point or its mean is zero
     */
    public static double[] toClassMeansValues(double[][] points, int[] labels, double[][] means) {
        double[][] meanUnits = units(means);
        double[] g = new double[points.length];
        for (int n = 0; n < points.length; n++) {
            g[n] = ofPointAndUnit(points[n], meanUnits[labels[n]]);
        }
        return g;
    }

    /** γ of two unit vectors, NaN if either is null (a zero vector). */
    private static double ofUnits(double[] u, double[] v) {
        if (u == null || v == null) {
            return Double.NaN;
        }
        double diff = 0;
        double sum = 0;
        for (int k = 0; k < u.length; k++) {
            double d = u[k] - v[k];
            double s = u[k] + v[k];
            diff += d * d;
            sum += s * s;
        }
        double theta = 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
        return 1 - theta / Math.PI;
    }

    /** γ of a vector and a unit vector (null for zero) without allocating {@code x/‖x‖}. */
    private static double ofPointAndUnit(double[] x, double[] v) {
        double norm = Vectors.norm(x);
        if (norm == 0 || v == null) {
            return Double.NaN;
        }
        double diff = 0;
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double u = x[k] / norm;
            double d = u - v[k];
            double s = u + v[k];
            diff += d * d;
            sum += s * s;
        }
        return 1 - 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum)) / Math.PI;
    }

    private static double[][] units(double[][] rows) {
        double[][] u = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            u[i] = unit(rows[i]);
        }
        return u;
    }

    /** {@code x/‖x‖}, or null if {@code x = 0}. */
    private static double[] unit(double[] x) {
        double norm = Vectors.norm(x);
        if (norm == 0) {
            return null;
        }
        double[] u = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            u[k] = x[k] / norm;
        }
        return u;
    }
}
