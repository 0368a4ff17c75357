package org.dissect.descent;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.dissect.enumeration.Allocation;
import org.dissect.theory.Checks;

/**
 * Point configurations as flat row-major arrays ({@code z[n*h + k]} is coordinate k of point n), the
 * layout EJML wraps without copying and Aparapi kernels read directly; and the two feasible sets of the
 * paper: the sphere {@code ‖z‖ = ρ} (SC) and the ball {@code ‖z‖ ≤ ρ} (CE).
 */
public final class Points {
    private Points() {
    }

    /**
     * N points drawn uniformly on the sphere of radius ρ in {@code R^h} (the paper's SC initialisation).
     *
     * @param count N
     * @param dim h, at least 1
     * @param rho radius
     * @param rng seeded stream (modified: advanced)
     * @return N·h coordinates
     * @throws IllegalArgumentException if N·h exceeds the largest Java array or the maximum heap
     */
    public static double[] uniformOnSphere(int count, int dim, double rho, UniformRandomProvider rng) {
        double[] z = coordinates(count, dim);
        if (dim == 1) {
            for (int n = 0; n < count; n++) {
                z[n] = rng.nextBoolean() ? rho : -rho;
            }
            return z;
        }
        UnitSphereSampler sampler = UnitSphereSampler.of(rng, dim);
        for (int n = 0; n < count; n++) {
            double[] u = sampler.sample();
            for (int k = 0; k < dim; k++) {
                z[n * dim + k] = rho * u[k];
            }
        }
        return z;
    }

    /**
     * A zero configuration, checked before it is allocated.
     *
     * @param count N ≥ 0
     * @param dim h ≥ 1
     * @return N·h zero coordinates
     * @throws IllegalArgumentException if h &lt; 1, or N·h exceeds the largest Java array or the maximum heap
     */
    public static double[] coordinates(int count, int dim) {
        Checks.atLeast("number of points N", count, 0);
        Checks.atLeast("dimension h", dim, 1);
        String what = "the points (N*h coordinates, N=" + count + ", h=" + dim + ")";
        int length = Allocation.length(what, (long) count * dim);
        Allocation.requireHeap(what, 8L * length);
        return new double[length];
    }

    /**
     * N points drawn uniformly in the ball of radius ρ (the paper's CE initialisation): a uniform
     * direction times {@code ρ·U^{1/h}}.
     *
     * @param count N
     * @param dim h
     * @param rho radius
     * @param rng seeded stream (modified)
     * @return N·h coordinates
     */
    public static double[] uniformInBall(int count, int dim, double rho, UniformRandomProvider rng) {
        double[] z = uniformOnSphere(count, dim, rho, rng);
        for (int n = 0; n < count; n++) {
            double r = Math.pow(rng.nextDouble(), 1.0 / dim);
            for (int k = 0; k < dim; k++) {
                z[n * dim + k] *= r;
            }
        }
        return z;
    }

    /**
     * Rescales every point to norm ρ (the retraction onto the sphere).
     *
     * @param z N·h coordinates (modified)
     * @param dim h
     * @param rho radius
     */
    public static void projectToSphere(double[] z, int dim, double rho) {
        for (int off = 0; off < z.length; off += dim) {
            projectToSphere(z, off, dim, rho);
        }
    }

    /**
     * Rescales one point to norm ρ.
     *
     * @param z coordinates (modified at {@code [offset, offset + dim)})
     * @param offset first coordinate of the point
     * @param dim h
     * @param rho radius
     */
    public static void projectToSphere(double[] z, int offset, int dim, double rho) {
        double s = rho / norm(z, offset, dim);
        for (int k = 0; k < dim; k++) {
            z[offset + k] *= s;
        }
    }

    /**
     * Projects every point with norm above ρ onto the sphere; points inside are unchanged.
     *
     * @param z coordinates (modified): N·h of them from {@code from} to the end
     * @param from the first point's offset
     * @param dim h
     * @param rho radius
     */
    public static void projectToBall(double[] z, int from, int dim, double rho) {
        for (int off = from; off < z.length; off += dim) {
            scaleIntoBall(z, off, dim, rho, norm(z, off, dim));
        }
    }

    /**
     * One point of {@link #projectToBall}: {@code z ← (ρ/‖z‖)·z} if {@code ‖z‖ > ρ}, else unchanged.
     *
     * @param z coordinates (modified: the h of the point)
     * @param off the point's offset
     * @param dim h
     * @param rho radius
     * @param norm the point's norm ‖z‖, as {@link #norm} sums it
     */
    static void scaleIntoBall(double[] z, int off, int dim, double rho, double norm) {
        if (norm > rho) {
            double s = rho / norm;
            for (int k = 0; k < dim; k++) {
                z[off + k] *= s;
            }
        }
    }

    /**
     * Removes from each point's gradient its radial part: {@code g_n ← g_n - (<g_n, z_n>/‖z_n‖²) z_n},
     * the Riemannian gradient on the sphere.
     *
     * @param z N·h coordinates on the sphere (not modified)
     * @param g N·h gradient (modified)
     * @param dim h
     */
    public static void projectToTangent(double[] z, double[] g, int dim) {
        for (int off = 0; off < z.length; off += dim) {
            double zg = 0;
            double zz = 0;
            for (int k = 0; k < dim; k++) {
                zg += z[off + k] * g[off + k];
                zz += z[off + k] * z[off + k];
            }
            double c = zg / zz;
            for (int k = 0; k < dim; k++) {
                g[off + k] -= c * z[off + k];
            }
        }
    }

    /**
     * Converts flat coordinates to rows.
     *
     * @param z N·h coordinates (not modified)
     * @param dim h
     * @return N rows of length h
     */
    public static double[][] rows(double[] z, int dim) {
        Checks.atLeast("dimension h", dim, 1);
        double[][] r = new double[z.length / dim][dim];
        for (int n = 0; n < r.length; n++) {
            System.arraycopy(z, n * dim, r[n], 0, dim);
        }
        return r;
    }

    /**
     * Converts rows to flat coordinates.
     *
     * @param rows N rows of equal length h (not modified)
     * @return N·h coordinates
     */
    public static double[] flat(double[][] rows) {
        int dim = rows.length == 0 ? 0 : rows[0].length;
        double[] z = new double[rows.length * dim];
        for (int n = 0; n < rows.length; n++) {
            System.arraycopy(rows[n], 0, z, n * dim, dim);
        }
        return z;
    }

    /**
     * {@code ‖z‖ = sqrt(dot(z, z))} over the point at {@code off}, with {@link #dot}'s four independent sums.
     * {@link CrossEntropyObjective#trial} forms the same sums in the same order.
     */
    static double norm(double[] z, int off, int len) {
        return Math.sqrt(dot(z, off, z, off, len));
    }

    /**
     * {@code Σ_k a[i+k]·b[j+k]} with four interleaved partial sums {@code s_j} over the coordinates
     * {@code k ≡ j (mod 4)} of the first {@code 4·⌊n/4⌋}, the rest added to s₀, and {@code (s₀ + s₁) + (s₂ + s₃)} at
     * the end: a fixed order, so the same inputs give the same bits, and four independent sums instead of one chain
     * of dependent additions.
     */
    static double dot(double[] a, int i, double[] b, int j, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[i + k] * b[j + k];
            s1 += a[i + k + 1] * b[j + k + 1];
            s2 += a[i + k + 2] * b[j + k + 2];
            s3 += a[i + k + 3] * b[j + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[i + k] * b[j + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
