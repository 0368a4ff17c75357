package org.dissect.descent;

import java.util.Arrays;
import org.dissect.theory.Checks;

/**
 * The regularised cross-entropy {@code L_CE(Z, W; Y) + λ‖W‖_F²} of Definition 1 and Corollary 2 as an
 * {@link Objective} over {@code x = [W | Z]} (K·h weight coordinates, then N·h point coordinates) with
 * {@code ‖z_n‖ ≤ ρ}; or, with fixed weights (CE-fix), over {@code x = Z} alone.
 *
 * <p>The cross-entropy and its gradients come from a {@link CeGradient} engine (Java or OpenCL); the
 * penalty adds {@code 2λW} to the weights' gradient. The preconditioner multiplies the point
 * gradients by N, so each point moves as if it minimised its own loss.
 */
public final class CrossEntropyObjective implements Objective {
    private final int classes;
    private final int dim;
    private final int count;
    private final int[] labels;
    private final double rho;
    private final double lambda;
    private final double[] fixedWeights;
    private final CeGradient engine;
    private double[] zWork;
    private double[] gzWork;
    private double[] gwWork;
    private double[] wWork;

    /**
     * @param classes K
     * @param dim h
     * @param labels N labels in 0..K-1 (not modified; kept by reference)
     * @param rho feature norm bound ρ
     * @param lambda penalty λ, finite and positive
     * @param fixedWeights K·h fixed weights (CE-fix), or null to learn W
     * @param engine where the cross-entropy and its gradients are computed
     */
    public CrossEntropyObjective(int classes, int dim, int[] labels, double rho, double lambda, double[] fixedWeights,
                                 CeGradient engine) {
        this.classes = Checks.atLeast("classes K", classes, 2);
        this.dim = Checks.atLeast("dimension h", dim, 1);
        this.count = labels.length;
        Checks.classCounts(labels, classes);
        this.labels = labels;
        this.rho = Checks.positive("rho", rho);
        this.lambda = Checks.positive("lambda", lambda);
        if (fixedWeights != null && fixedWeights.length != classes * dim) {
            throw new IllegalArgumentException("fixed weights need K*h = " + classes * dim + " entries, got " + fixedWeights.length);
        }
        this.fixedWeights = fixedWeights;
        this.engine = engine;
    }

    /** @return the length of x: K·h + N·h, or N·h with fixed weights */
    public int size() {
        return (fixedWeights == null ? classes * dim : 0) + count * dim;
    }

    /**
     * @param x the variables (not modified)
     * @return the K·h weights: a copy of the learned part of x, or the fixed weights
     */
    public double[] weights(double[] x) {
        return fixedWeights != null ? fixedWeights.clone() : Arrays.copyOfRange(x, 0, classes * dim);
    }

    /**
     * @param x the variables (not modified)
     * @return the N·h points
     */
    public double[] points(double[] x) {
        return Arrays.copyOfRange(x, offset(), x.length);
    }

    /**
     * Joins weights and points into the variable vector this objective expects.
     *
     * @param w K·h weights (ignored with fixed weights)
     * @param z N·h points
     * @return x
     */
    public double[] variables(double[] w, double[] z) {
        double[] x = new double[size()];
        if (fixedWeights == null) {
            System.arraycopy(w, 0, x, 0, w.length);
        }
        System.arraycopy(z, 0, x, offset(), z.length);
        return x;
    }

    /**
     * The two parts of the objective at x.
     *
     * @param x the variables (not modified)
     * @return {@code {L_CE, λ‖W‖_F²}}
     */
    public double[] parts(double[] x) {
        double ce = crossEntropy(x, null);
        return new double[] {ce, penalty(x)};
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double ce = crossEntropy(x, gradient);
        return ce + penalty(x);
    }

    @Override
    public void project(double[] x) {
        Points.projectToBall(x, offset(), dim, rho);
    }

    @Override
    public void precondition(double[] gradient) {
        for (int i = offset(); i < gradient.length; i++) {
            gradient[i] *= count;
        }
    }

    /**
     * {@code candidate ← project(x − η·d)} and {@code <g, x − candidate>} in one pass over the coordinates: each point's
     * h coordinates are formed, their squared norm summed in the same order as {@link Points#projectToBall} (so the
     * candidate has its bits), scaled onto the ball where the norm exceeds ρ while they are in cache, and the point's
     * share of the decrease is added to the total in point order (the weights first).
     */
    @Override
    public double trial(double[] x, double[] d, double eta, double[] g, double[] candidate) {
        int from = offset();
        double decrease = 0;
        for (int i = 0; i < from; i++) {
            candidate[i] = x[i] - eta * d[i];
            decrease += g[i] * (x[i] - candidate[i]);
        }
        for (int off = from; off < x.length; off += dim) {
            int end = off + dim;
            double squares = 0;
            for (int i = off; i < end; i++) {
                double c = x[i] - eta * d[i];
                candidate[i] = c;
                squares += c * c;
            }
            Points.scaleIntoBall(candidate, off, dim, rho, Math.sqrt(squares));
            double point = 0;
            for (int i = off; i < end; i++) {
                point += g[i] * (x[i] - candidate[i]);
            }
            decrease += point;
        }
        return decrease;
    }

    /** {@code direction ← gradient} with the points' part multiplied by N, in one pass (the same bits as the default). */
    @Override
    public void direction(double[] gradient, double[] direction) {
        int from = offset();
        System.arraycopy(gradient, 0, direction, 0, from);
        for (int i = from; i < gradient.length; i++) {
            direction[i] = gradient[i] * count;
        }
    }

    private int offset() {
        return fixedWeights == null ? classes * dim : 0;
    }

    private double penalty(double[] x) {
        double[] w = fixedWeights != null ? fixedWeights : x;
        double s = 0;
        for (int i = 0; i < classes * dim; i++) {
            s += w[i] * w[i];
        }
        return lambda * s;
    }

    /**
     * Mean cross-entropy; if gradient is non-null, overwrites it with ∂L/∂x (penalty included). The engine's inputs
     * and outputs are work arrays kept across calls: N·h points are copied once each way, never allocated per call.
     */
    private double crossEntropy(double[] x, double[] gradient) {
        if (zWork == null) {
            zWork = new double[count * dim];
            gzWork = new double[count * dim];
            gwWork = new double[classes * dim];
            wWork = new double[classes * dim];
        }
        double[] w = fixedWeights;
        if (w == null) {
            System.arraycopy(x, 0, wWork, 0, classes * dim);
            w = wWork;
        }
        double[] z = zWork;
        System.arraycopy(x, offset(), z, 0, z.length);
        double[] gz = gradient == null ? null : gzWork;
        double[] gw = gradient == null || fixedWeights != null ? null : gwWork;
        double ce = engine.lossAndGradient(z, w, labels, classes, dim, gz, gw);
        if (gradient != null) {
            System.arraycopy(gz, 0, gradient, offset(), gz.length);
            if (gw != null) {
                for (int i = 0; i < gw.length; i++) {
                    gradient[i] = gw[i] + 2 * lambda * x[i];
                }
            }
        }
        return ce;
    }
}
