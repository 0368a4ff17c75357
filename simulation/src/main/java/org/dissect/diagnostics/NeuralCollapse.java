package org.dissect.diagnostics;

import java.util.Arrays;
import java.util.Comparator;
import org.dissect.theory.Vectors;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The neural-collapse statistics NC1-NC4 of Papyan, Han and Donoho ("Prevalence of neural collapse
 * during the terminal phase of deep learning training", PNAS 2020), for a free configuration.
 *
 * <p><b>Two frames.</b> Papyan et al. centre the class means by the global mean
 * {@code μ_G = (1/N) Σ_n z_n}: their statistics use {@code μ̃_y = μ_y - μ_G} and are invariant under
 * translation of all points. The paper's simplex (Definition 3) is centred at the origin instead,
 * by (S1) {@code Σ_y μ_y = 0}, because the losses are not translation invariant; the paper-frame
 * statistics ({@link CollapseReport#simplexDeviation()}, {@link CollapseReport#sumOfMeans()},
 * {@link WeightReport#c3Deviation()}) use the uncentred {@code μ_y}. For balanced labels and
 * (S1), {@code μ_G = 0} and the two frames agree.
 *
 * <p>All statistics are 0 at collapse and dimensionless.
 */
public final class NeuralCollapse {
    private NeuralCollapse() {
    }

    /**
     * The global mean {@code μ_G = (1/N) Σ_n z_n} (Papyan et al.; for unbalanced labels it differs
     * from the mean of the class means).
     *
     * @param points points as rows (not modified)
     * @return {@code μ_G}
     */
    public static double[] globalMean(double[][] points) {
        int dim = Inputs.matrix("points", points);
        double[] g = new double[dim];
        for (double[] z : points) {
            for (int k = 0; k < dim; k++) {
                g[k] += z[k];
            }
        }
        for (int k = 0; k < dim; k++) {
            g[k] /= points.length;
        }
        return g;
    }

    /**
     * Rows minus a common vector: {@code μ̃_y = μ_y - μ_G}.
     *
     * @param rows vectors as rows (not modified)
     * @param centre the vector subtracted (not modified)
     * @return new rows
     */
    public static double[][] centred(double[][] rows, double[] centre) {
        double[][] c = new double[rows.length][];
        for (int y = 0; y < rows.length; y++) {
            c[y] = rows[y].clone();
            for (int k = 0; k < centre.length; k++) {
                c[y][k] -= centre[k];
            }
        }
        return c;
    }

    /**
     * NC1, within-class variability relative to between-class variability:
     *
     * <pre>    NC1 = tr(Σ_W Σ_B^†) / K,
     *     Σ_W = (1/N) Σ_n (z_n - μ_{y_n})(z_n - μ_{y_n})ᵀ,   Σ_B = (1/K) Σ_y μ̃_y μ̃_yᵀ = M̃ᵀM̃/K,</pre>
     *
     * with {@code M̃} the K×h matrix of centred means and {@code †} the Moore-Penrose pseudo-inverse.
     *
     * <p>Computed without forming h×h matrices: with the thin SVD {@code M̃ = U S Vᵀ},
     * {@code Σ_B^† = K·V S^{-2} Vᵀ}, so {@code NC1 = (1/N) Σ_n Σ_i (<v_i, z_n - μ_{y_n}>/σ_i)²}, in
     * {@code O(N·h·K)}, a dense product that runs in OpenBLAS when its natives load and it is large enough
     * ({@link DenseProducts#choose}). Since {@code Σ_y n_y μ̃_y = 0}, {@code M̃} has rank at most K-1: as Papyan et
     * al. do (a rank-(K-1) truncated SVD), only the K-1 largest singular values are inverted, and
     * of those only the ones above {@code σ_max·max(K, h)·2^-52} (numerically non-zero, the usual
     * pseudo-inverse cut-off). Without the truncation the spurious rounding-level singular value
     * would multiply rounding-level within-class deviations by {@code 1/ε} and turn a collapsed
     * configuration's NC1 into noise of order one.
     *
     * @param points points {@code z_n} as rows (not modified)
     * @param labels labels in {@code 0..K-1} (not modified)
     * @param means class means {@code μ_y} as rows, K ≥ 2 of them (not modified)
     * @return NC1 ≥ 0; 0 iff every point equals its class mean (given separated means);
     *     NaN if the SVD does not converge or all means coincide
     */
    public static double nc1(double[][] points, int[] labels, double[][] means) {
        int dim = Inputs.matrix("points", points);
        Inputs.sameDimension("points", dim, "means", Inputs.matrix("means", means));
        Inputs.labelsIndex(labels, points.length, means.length);
        int classes = means.length;
        double[][] centredMeans = centred(means, globalMean(points));
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(classes, dim, false, true, true);
        if (!svd.decompose(new DMatrixRMaj(centredMeans))) {
            return Double.NaN;
        }
        double[] sigma = svd.getSingularValues();
        DMatrixRMaj vt = svd.getV(null, true);
        Integer[] order = new Integer[svd.numberOfSingularValues()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> sigma[i]).reversed());
        double sigmaMax = sigma[order[0]];
        if (!(sigmaMax > 0)) {
            return Double.NaN;
        }
        double cutoff = sigmaMax * Math.max(classes, dim) * Math.ulp(1.0);
        int rank = 0;
        while (rank < Math.min(classes - 1, order.length) && sigma[order[rank]] > cutoff) {
            rank++;
        }
        double[][] directions = new double[rank][dim];
        for (int i = 0; i < rank; i++) {
            for (int k = 0; k < dim; k++) {
                directions[i][k] = vt.get(order[i], k) / sigma[order[i]];
            }
        }
        DenseProducts products = DenseProducts.choose((long) points.length * dim * rank);
        return products.squaredProjections(points, labels, means, directions) / points.length;
    }

    /**
     * NC2, equinorm: {@code std_y(‖v_y‖) / mean_y(‖v_y‖)} with the population standard deviation
     * ({@code 1/K}). Papyan et al. apply it to the centred means {@code μ̃_y} and to the weights {@code w_y}.
     *
     * @param rows K vectors as rows (not modified)
     * @return the coefficient of variation of the norms, 0 iff all norms are equal; NaN if all are 0
     */
    public static double equinorm(double[][] rows) {
        Inputs.matrix("rows", rows);
        double[] norms = new double[rows.length];
        for (int y = 0; y < rows.length; y++) {
            norms[y] = Vectors.norm(rows[y]);
        }
        double mean = Summary.of(norms).mean();
        return mean == 0 ? Double.NaN : populationStd(norms, mean) / mean;
    }

    /**
     * NC2, equiangularity, over the cosines {@code cos_{yy'} = <v_y, v_y'>/(‖v_y‖‖v_y'‖)} of distinct pairs:
     * their population standard deviation, and {@code max_{y≠y'} |cos_{yy'} + 1/(K-1)|}
     * (Papyan et al. average this last quantity; the maximum is the stricter check).
     *
     * @param rows K ≥ 2 vectors as rows (not modified)
     * @return both statistics; NaN if a vector is zero
     */
    public static Equiangularity equiangularity(double[][] rows) {
        Inputs.matrix("rows", rows);
        int k = rows.length;
        if (k < 2) {
            throw new IllegalArgumentException("equiangularity needs at least 2 vectors, got " + k);
        }
        double[] cos = new double[k * (k - 1) / 2];
        double target = -1.0 / (k - 1);
        double maxDev = 0;
        int idx = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double c = Vectors.dot(rows[i], rows[j]) / (Vectors.norm(rows[i]) * Vectors.norm(rows[j]));
                cos[idx++] = c;
                maxDev = Double.isNaN(c) ? Double.NaN : Math.max(maxDev, Math.abs(c - target));
            }
        }
        double mean = Summary.of(cos).mean();
        return new Equiangularity(Double.isNaN(mean) ? Double.NaN : populationStd(cos, mean), maxDev);
    }

    /**
     * NC3, convergence to self-duality: {@code ‖W/‖W‖_F - M̃/‖M̃‖_F‖_F²}, with {@code M̃} the K×h
     * matrix of centred means. Its value lies in {@code [0, 4]}; 0 iff {@code W = c·M̃}, {@code c > 0}.
     * Given the uncentred means instead, the same formula measures (C3) of Theorem 1 in the paper's
     * frame ({@link WeightReport#c3Deviation()}).
     *
     * @param weights K×h classifier weights (not modified)
     * @param centredMeans K×h centred means {@code μ̃_y} (not modified)
     * @return NC3; NaN if either matrix is zero
     */
    public static double nc3(double[][] weights, double[][] centredMeans) {
        int dim = Inputs.matrix("means", centredMeans);
        Inputs.matrix("weights", weights, centredMeans.length, dim, "K x h");
        double fw = Math.sqrt(Vectors.frobeniusSquared(weights));
        double fm = Math.sqrt(Vectors.frobeniusSquared(centredMeans));
        if (fw == 0 || fm == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int y = 0; y < weights.length; y++) {
            for (int k = 0; k < dim; k++) {
                double d = weights[y][k] / fw - centredMeans[y][k] / fm;
                s += d * d;
            }
        }
        return s;
    }

    /**
     * NC4, simplification to the nearest class centre: the fraction of points whose classifier
     * decision {@code argmax_y <w_y, z_n>} (no bias) differs from their nearest class mean
     * {@code argmin_y ‖z_n - μ_y‖}. Papyan et al. plot this mismatch rate; it is 0 at collapse.
     * Ties go to the smallest class index in both rules.
     *
     * @param points points as rows (not modified)
     * @param means K class means as rows (not modified)
     * @param weights K×h classifier weights (not modified)
     * @return the mismatch rate in {@code [0, 1]} (one minus the agreement rate)
     */
    public static double nc4Mismatch(double[][] points, double[][] means, double[][] weights) {
        int dim = Inputs.matrix("points", points);
        Inputs.sameDimension("points", dim, "means", Inputs.matrix("means", means));
        Inputs.matrix("weights", weights, means.length, dim, "K x h");
        int mismatches = 0;
        for (double[] z : points) {
            int nearest = 0;
            double best = Double.POSITIVE_INFINITY;
            int decided = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < means.length; y++) {
                double dist = 0;
                for (int k = 0; k < dim; k++) {
                    double d = z[k] - means[y][k];
                    dist += d * d;
                }
                if (dist < best) {
                    best = dist;
                    nearest = y;
                }
                double score = Vectors.dot(weights[y], z);
                if (score > bestScore) {
                    bestScore = score;
                    decided = y;
                }
            }
            if (nearest != decided) {
                mismatches++;
            }
        }
        return (double) mismatches / points.length;
    }

    private static double populationStd(double[] values, double mean) {
        double s = 0;
        for (double v : values) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / values.length);
    }

    /**
     * NC2 equiangularity statistics.
     *
     * @param std population standard deviation of the pairwise cosines
     * @param maxDeviation {@code max_{y≠y'} |cos_{yy'} + 1/(K-1)|}
     */
    public record Equiangularity(double std, double maxDeviation) {
    }
}
