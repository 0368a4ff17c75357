package org.dissect.theory;

/** Small dense-vector helpers on {@code double[]} rows, used by the exact losses and checks. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Inner product {@code <a, b>}.
     *
     * @param a first vector (not modified)
     * @param b second vector (not modified), same length as {@code a}
     * @return {@code Σ_k a_k b_k}
     */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /**
     * Euclidean norm {@code ‖a‖}.
     *
     * @param a vector (not modified)
     * @return {@code sqrt(<a, a>)}
     */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /**
     * Squared Frobenius norm {@code ‖W‖_F² = Σ_{y,k} W_{yk}²}.
     *
     * @param rows matrix as rows (not modified)
     * @return the squared Frobenius norm
     */
    public static double frobeniusSquared(double[][] rows) {
        double s = 0;
        for (double[] row : rows) {
            s += dot(row, row);
        }
        return s;
    }

    /**
     * Per-class means {@code μ_y = (1/n_y) Σ_{n: y_n = y} z_n}; a class without points gets the zero vector.
     *
     * @param z points as rows (not modified)
     * @param labels labels in {@code 0..classes-1} (not modified)
     * @param classes number of classes K
     * @return K rows, the class means
     * @throws IllegalArgumentException if a label is out of range or the K×h means cannot be allocated
     */
    public static double[][] classMeans(double[][] z, int[] labels, int classes) {
        int dim = z.length == 0 ? 0 : z[0].length;
        int[] counts = Checks.classCounts(labels, classes);
        Checks.allocatable("class means (K=" + classes + ", h=" + dim + ")", dim, 8.0 * classes * dim);
        double[][] means = new double[classes][dim];
        for (int i = 0; i < z.length; i++) {
            double[] m = means[labels[i]];
            for (int k = 0; k < dim; k++) {
                m[k] += z[i][k];
            }
        }
        for (int y = 0; y < classes; y++) {
            for (int k = 0; k < dim && counts[y] > 0; k++) {
                means[y][k] /= counts[y];
            }
        }
        return means;
    }
}
