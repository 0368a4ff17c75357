package org.dissect.train;

import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.descent.CeGradient;

/**
 * The three read-outs of the authors' training logs, on fixed features: a linear head ({@code argmax_k <z, w_k>}), the
 * linear probe retrained on frozen features ({@link #probe}) and the class-mean classifier
 * ({@code argmax_k <z, μ_k>}, {@link #classMeans}). Ties go to the smaller class index.
 */
public final class Classifiers {
    /** The probe's SGD: lr 0.1, momentum 0.9, weight decay 1e-3, decayed by the power-5 schedule. */
    public static final Sgd PROBE_SGD = new Sgd(0.1, 0.9, 1e-3);
    /** The probe's steps. */
    public static final int PROBE_STEPS = 1000;
    /** The probe's batch size. */
    public static final int PROBE_BATCH = 256;

    private Classifiers() {
    }

    /**
     * @param z N×h features (not modified)
     * @param dim h
     * @param w K×h weights (not modified)
     * @param classes K
     * @return the N predictions {@code argmax_k <z_i, w_k>}
     */
    public static int[] predict(double[] z, int dim, double[] w, int classes) {
        int n = z.length / dim;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int k = 0; k < classes; k++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    s += z[i * dim + d] * w[k * dim + d];
                }
                if (s > best) {
                    best = s;
                    arg = k;
                }
            }
            out[i] = arg;
        }
        return out;
    }

    /**
     * @param z N×h features
     * @param dim h
     * @param w K×h weights
     * @param classes K
     * @param labels N labels
     * @return the fraction of {@link #predict} equal to the labels
     */
    public static double accuracy(double[] z, int dim, double[] w, int classes, int[] labels) {
        int[] p = predict(z, dim, w, classes);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == labels[i] ? 1 : 0;
        }
        return (double) right / p.length;
    }

    /**
     * @param z N×h features (not modified)
     * @param dim h
     * @param labels N labels (not modified)
     * @param classes K
     * @return the K×h class means {@code μ_k} (a class without points: 0)
     */
    public static double[] classMeans(double[] z, int dim, int[] labels, int classes) {
        double[] mu = new double[classes * dim];
        int[] count = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            count[labels[i]]++;
            for (int d = 0; d < dim; d++) {
                mu[labels[i] * dim + d] += z[i * dim + d];
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int d = 0; d < dim; d++) {
                mu[k * dim + d] = count[k] == 0 ? 0 : mu[k * dim + d] / count[k];
            }
        }
        return mu;
    }

    /**
     * The linear probe of the authors' logs: a bias-free K×h linear classifier trained on frozen features by
     * minimising the mean cross-entropy with {@link #PROBE_SGD} for {@link #PROBE_STEPS} steps on batches of
     * {@link #PROBE_BATCH} drawn i.i.d. with replacement; starts at W = 0.
     *
     * @param z N×h features (not modified)
     * @param dim h
     * @param labels N labels (not modified)
     * @param classes K
     * @param engine the cross-entropy engine (not closed here)
     * @param rng the seeded stream of the batches (advanced)
     * @return the K×h weights
     */
    public static double[] probe(double[] z, int dim, int[] labels, int classes, CeGradient engine, UniformRandomProvider rng) {
        double[][] w = {new double[classes * dim]};
        double[][] g = {new double[classes * dim]};
        double[][] v = {new double[classes * dim]};
        int b = PROBE_BATCH;
        double[] zb = new double[b * dim];
        int[] yb = new int[b];
        for (int t = 0; t < PROBE_STEPS; t++) {
            for (int j = 0; j < b; j++) {
                int i = rng.nextInt(labels.length);
                System.arraycopy(z, i * dim, zb, j * dim, dim);
                yb[j] = labels[i];
            }
            engine.lossAndGradient(zb, 0, w[0], yb, classes, dim, null, g[0]);
            PROBE_SGD.step(w, g, v, PROBE_SGD.rate(t, PROBE_STEPS));
        }
        return w[0];
    }
}
