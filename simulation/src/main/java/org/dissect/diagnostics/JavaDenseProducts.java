package org.dissect.diagnostics;

import org.dissect.theory.Vectors;

/** {@link DenseProducts} on the JVM: for each point its difference from its class mean, then r dot products. */
final class JavaDenseProducts implements DenseProducts {
    static final JavaDenseProducts INSTANCE = new JavaDenseProducts();

    private JavaDenseProducts() {
    }

    @Override
    public double squaredProjections(double[][] points, int[] labels, double[][] means, double[][] directions) {
        int dim = means[0].length;
        double sum = 0;
        double[] d = new double[dim];
        for (int n = 0; n < points.length; n++) {
            double[] mu = means[labels[n]];
            for (int k = 0; k < dim; k++) {
                d[k] = points[n][k] - mu[k];
            }
            for (double[] v : directions) {
                double p = Vectors.dot(v, d);
                sum += p * p;
            }
        }
        return sum;
    }
}
