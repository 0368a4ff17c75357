package org.dissect.descent;

import java.util.Arrays;
import org.dissect.theory.Checks;

/**
 * The regularised cross-entropy {@code L_CE(Z, W; Y) + λ‖W‖_F²} of Definition 1 and Corollary 2 as an
 * {@link Objective} over {@code x = [W | Z]} (K·h weight coordinates, then N·h point coordinates) with
 * {@code ‖z_n‖ ≤ ρ}; or, with fixed weights (CE-fix), over {@code x = Z} alone.
 *
 * <p>The cross-entropy and its gradients come from a {@link CeGradient} engine (Java, OpenBLAS or OpenCL); the
 * penalty adds {@code 2λW} to the weights' gradient. The preconditioner multiplies the point
 * gradients by N, so each point moves as if it minimised its own loss.
 *
 * <p>The descent's passes over the N·h point coordinates ({@link #trial}, {@link #direction}, {@link #curvature}) run
 * on the engine's {@link CeGradient#threads()} threads, split by points: every point's share of a sum is computed
 * alone and the shares are added in point order, so the result has the same bits on any number of threads.
 * {@link #close()} stops those threads.
 */
public final class CrossEntropyObjective implements Objective, AutoCloseable {
    /** Fewest point coordinates per thread in the vector passes (smaller vectors run on the calling thread alone). */
    private static final int GRAIN = 1 << 16;

    private final int classes;
    private final int dim;
    private final int count;
    private final int[] labels;
    private final double rho;
    private final double lambda;
    private final double[] fixedWeights;
    private final CeGradient engine;
    private final RowParallel rows;
    /** Per-point shares of the passes' sums: one (decrease) or two ({@code <s, s>}, {@code <s, y>}) per point. */
    private final double[] shares;
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
        this.rows = new RowParallel(engine.threads());
        this.shares = new double[2 * count];
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
     * h coordinates are formed and their squared norm summed in the order of {@link Points#norm} (so the candidate has
     * the bits of {@link #project}), scaled onto the ball where the norm exceeds ρ while they are in cache, and the
     * point's share of the decrease ({@link VectorPasses#decrease}) is kept; the shares are added in point order after
     * the weights' part.
     */
    @Override
    public double trial(double[] x, double[] d, double eta, double[] g, double[] candidate) {
        int from = offset();
        for (int i = 0; i < from; i++) {
            candidate[i] = x[i] - eta * d[i];
        }
        double[] share = shares;
        rows.forRows(count, Math.max(1, GRAIN / dim), (first, last) -> {
            for (int n = first; n < last; n++) {
                int off = from + n * dim;
                int end = off + dim;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = off;
                for (; i + 3 < end; i += 4) {
                    double c0 = x[i] - eta * d[i];
                    double c1 = x[i + 1] - eta * d[i + 1];
                    double c2 = x[i + 2] - eta * d[i + 2];
                    double c3 = x[i + 3] - eta * d[i + 3];
                    candidate[i] = c0;
                    candidate[i + 1] = c1;
                    candidate[i + 2] = c2;
                    candidate[i + 3] = c3;
                    s0 += c0 * c0;
                    s1 += c1 * c1;
                    s2 += c2 * c2;
                    s3 += c3 * c3;
                }
                for (; i < end; i++) {
                    double c = x[i] - eta * d[i];
                    candidate[i] = c;
                    s0 += c * c;
                }
                Points.scaleIntoBall(candidate, off, dim, rho, Math.sqrt((s0 + s1) + (s2 + s3)));
                share[n] = VectorPasses.decrease(x, g, candidate, off, end);
            }
        });
        double decrease = VectorPasses.decrease(x, g, candidate, 0, from);
        for (int n = 0; n < count; n++) {
            decrease += share[n];
        }
        return decrease;
    }

    /** {@code direction ← gradient} with the points' part multiplied by N, in one pass (the same bits as the default). */
    @Override
    public void direction(double[] gradient, double[] direction) {
        int from = offset();
        System.arraycopy(gradient, 0, direction, 0, from);
        rows.forRows(count, Math.max(1, GRAIN / dim), (first, last) -> {
            for (int i = from + first * dim; i < from + last * dim; i++) {
                direction[i] = gradient[i] * count;
            }
        });
    }

    /** {@link VectorPasses#curvature} point by point on the engine's threads, the shares added in point order. */
    @Override
    public double[] curvature(double[] x, double[] next, double[] d, double[] nextD) {
        int from = offset();
        double[] share = shares;
        rows.forRows(count, Math.max(1, GRAIN / dim), (first, last) -> {
            for (int n = first; n < last; n++) {
                share[2 * n] = 0;
                share[2 * n + 1] = 0;
                VectorPasses.curvature(x, next, d, nextD, from + n * dim, from + (n + 1) * dim, share, 2 * n);
            }
        });
        double[] sums = new double[2];
        VectorPasses.curvature(x, next, d, nextD, 0, from, sums, 0);
        for (int n = 0; n < count; n++) {
            sums[0] += share[2 * n];
            sums[1] += share[2 * n + 1];
        }
        return sums;
    }

    /** Stops the threads of the vector passes (the engine stays open: its owner closes it). */
    @Override
    public void close() {
        rows.close();
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
     * Mean cross-entropy; if gradient is non-null, overwrites it with ∂L/∂x (penalty included). The engine reads the
     * points in x and writes their gradient into the gradient where they lie (no copies of the N·h coordinates here).
     */
    private double crossEntropy(double[] x, double[] gradient) {
        double[] w = fixedWeights;
        if (w == null) {
            if (wWork == null) {
                wWork = new double[classes * dim];
                gwWork = new double[classes * dim];
            }
            System.arraycopy(x, 0, wWork, 0, classes * dim);
            w = wWork;
        }
        double[] gw = gradient == null || fixedWeights != null ? null : gwWork;
        double ce = engine.lossAndGradient(x, offset(), w, labels, classes, dim, gradient, gw);
        if (gw != null) {
            for (int i = 0; i < gw.length; i++) {
                gradient[i] = gw[i] + 2 * lambda * x[i];
            }
        }
        return ce;
    }
}
