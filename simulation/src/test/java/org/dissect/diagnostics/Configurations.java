package org.dissect.diagnostics;

import java.util.SplittableRandom;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.Vectors;

/** Constructed configurations for the diagnostics tests: the optimum of Theorem 1/Corollary 2, rotated. */
final class Configurations {
    private Configurations() {
    }

    /**
     * The equality case of Corollary 2: n points per class at the vertices {@code ζ_y = Q·ζ°_y} of a
     * ρ-sphere-inscribed regular simplex ({@link RegularSimplex#regularSimplex}) turned by a random
     * orthogonal Q of {@code R^h}, in random order, with weights {@code w_y = (r_W/ρ)·ζ_y}.
     */
    record Simplex(double[][] points, int[] labels, double[][] vertices, double[][] weights, int classes, int dim,
                   double rho, double lambda, double rW, int perClass) {

        CollapseDiagnostics diagnostics() {
            return CollapseDiagnostics.of(points, labels, classes).withRadius(rho).withWeights(weights).withLambda(lambda);
        }

        /** Index of the first point of class y. */
        int firstOf(int y) {
            for (int n = 0; n < labels.length; n++) {
                if (labels[n] == y) {
                    return n;
                }
            }
            throw new IllegalStateException("no class " + y);
        }
    }

    static Simplex simplex(int classes, int dim, double rho, int perClass, double lambda, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] q = randomOrthogonal(dim, rng);
        double[][] zeta = rotate(q, RegularSimplex.regularSimplex(classes, dim, rho));
        int n = classes * perClass;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = zeta[labels[i]].clone();
        }
        double rW = CrossEntropyBounds.rW(classes, rho, lambda);
        double[][] weights = new double[classes][dim];
        for (int y = 0; y < classes; y++) {
            for (int k = 0; k < dim; k++) {
                weights[y][k] = rW / rho * zeta[y][k];
            }
        }
        return new Simplex(points, labels, zeta, weights, classes, dim, rho, lambda, rW, perClass);
    }

    /** A random orthogonal matrix: Gram-Schmidt with reorthogonalisation on a Gaussian matrix (rows orthonormal). */
    static double[][] randomOrthogonal(int dim, SplittableRandom rng) {
        double[][] q = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            double norm;
            do {
                for (int k = 0; k < dim; k++) {
                    q[i][k] = rng.nextGaussian();
                }
                // Two passes ("twice is enough", Giraud et al. 2005): one pass of Gram-Schmidt loses
                // orthogonality in proportion to the condition number of the Gaussian matrix.
                for (int pass = 0; pass < 2; pass++) {
                    for (int j = 0; j < i; j++) {
                        double p = Vectors.dot(q[i], q[j]);
                        for (int k = 0; k < dim; k++) {
                            q[i][k] -= p * q[j][k];
                        }
                    }
                }
                norm = Vectors.norm(q[i]);
            } while (norm < 1e-3);
            for (int k = 0; k < dim; k++) {
                q[i][k] /= norm;
            }
        }
        return q;
    }

    /** Rows {@code v} mapped to {@code Q v}. */
    static double[][] rotate(double[][] q, double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = new double[q.length];
            for (int i = 0; i < q.length; i++) {
                out[r][i] = Vectors.dot(q[i], rows[r]);
            }
        }
        return out;
    }

    /** A random unit vector of {@code R^dim}. */
    static double[] randomUnit(int dim, SplittableRandom rng) {
        double[] u = new double[dim];
        double norm;
        do {
            for (int k = 0; k < dim; k++) {
                u[k] = rng.nextGaussian();
            }
            norm = Vectors.norm(u);
        } while (norm < 1e-3);
        return scale(u, 1 / norm);
    }

    /** The unit vector along the part of {@code u} orthogonal to {@code v}. */
    static double[] orthogonalUnit(double[] u, double[] v) {
        double p = Vectors.dot(u, v) / Vectors.dot(v, v);
        double[] w = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            w[k] = u[k] - p * v[k];
        }
        return scale(w, 1 / Vectors.norm(w));
    }

    static double[] scale(double[] u, double s) {
        double[] w = new double[u.length];
        for (int k = 0; k < u.length; k++) {
            w[k] = s * u[k];
        }
        return w;
    }

    /** {@code v + s·u} in place. */
    static void addTo(double[] v, double s, double[] u) {
        for (int k = 0; k < v.length; k++) {
            v[k] += s * u[k];
        }
    }

    static double[][] copy(double[][] rows) {
        double[][] c = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i].clone();
        }
        return c;
    }
}
