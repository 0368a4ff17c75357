package org.dissect.theory;

/**
 * The ρ-sphere-inscribed regular simplex of Definition 3 of the paper.
 *
 * <p>{@code ζ_1, …, ζ_K ∈ R^h} form such a simplex iff
 * (S1) {@code Σ_i ζ_i = 0}, (S2) {@code ‖ζ_i‖ = ρ} and (S3) {@code <ζ_i, ζ_j> = -ρ²/(K-1)} for
 * {@code i ≠ j}. It exists iff {@code K ≤ h + 1} (Remark 1).
 *
 * <p>Construction: the centred basis vectors {@code e_i - (1/K)·1} of {@code R^K} satisfy (S1)-(S3)
 * up to scale and lie in the (K-1)-dimensional subspace orthogonal to {@code 1}. Their coordinates
 * in the Helmert basis {@code u_j = (1, …, 1, -j, 0, …, 0)/sqrt(j(j+1))} ({@code j} ones) of that
 * subspace are {@code <e_i, u_j> = u_j[i]}, so vertex {@code i} is
 * {@code ρ·sqrt(K/(K-1))·(u_1[i], …, u_{K-1}[i], 0, …, 0)}: closed form, no orthogonalisation.
 */
public final class RegularSimplex {
    private RegularSimplex() {
    }

    /**
     * Builds the K vertices of a ρ-sphere-inscribed regular simplex in {@code R^h}.
     *
     * @param classes number of vertices K, at least 1
     * @param dim ambient dimension h, at least K-1
     * @param rho radius ρ, finite and positive
     * @return K rows of length h
     * @throws IllegalArgumentException if {@code K > h + 1}, {@code K < 1}, ρ is not finite and positive, or
     *         the K×h coordinates ({@code 8Kh} bytes) cannot be allocated
     */
    public static double[][] regularSimplex(int classes, int dim, double rho) {
        Checks.atLeast("classes K", classes, 1);
        Checks.atLeast("dimension h", dim, 1);
        Checks.positive("radius rho", rho);
        Checks.simplexFits(classes, dim);
        Checks.allocatable("simplex vertices (K=" + classes + ", h=" + dim + ")", dim, 8.0 * classes * dim);
        double[][] zeta = new double[classes][dim];
        if (classes == 1) {
            zeta[0][0] = rho;
            return zeta;
        }
        double scale = rho * Math.sqrt((double) classes / (classes - 1));
        for (int j = 1; j < classes; j++) {
            double u = 1.0 / Math.sqrt((double) j * (j + 1));
            zeta[j][j - 1] = -scale * j * u;
            for (int i = 0; i < j; i++) {
                zeta[i][j - 1] = scale * u;
            }
        }
        return zeta;
    }

    /**
     * Measures how far K points are from a ρ-sphere-inscribed regular simplex.
     *
     * @param zeta K candidate vertices as rows (not modified)
     * @param rho radius ρ, finite and positive
     * @return the scaled deviations from (S1), (S2) and (S3)
     * @throws IllegalArgumentException if ρ is not finite and positive, there are fewer than 2 vertices or
     *         a vertex has another dimension than vertex 0
     */
    public static SimplexDeviation deviation(double[][] zeta, double rho) {
        Checks.positive("radius rho", rho);
        int classes = zeta.length;
        Checks.atLeast("number of vertices K", classes, 2);
        int dim = zeta[0].length;
        Checks.sameDimension("vertex", zeta, dim);
        double[] sum = new double[dim];
        double s2 = 0;
        for (double[] v : zeta) {
            for (int k = 0; k < dim; k++) {
                sum[k] += v[k];
            }
            s2 = Math.max(s2, Math.abs(Vectors.norm(v) - rho));
        }
        double d = -rho * rho / (classes - 1);
        double s3 = 0;
        for (int i = 1; i < classes; i++) {
            for (int j = 0; j < i; j++) {
                s3 = Math.max(s3, Math.abs(Vectors.dot(zeta[i], zeta[j]) - d));
            }
        }
        return new SimplexDeviation(Vectors.norm(sum) / rho, s2 / rho, s3 / (rho * rho));
    }
}
