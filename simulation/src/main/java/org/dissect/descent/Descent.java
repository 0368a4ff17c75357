package org.dissect.descent;

/**
 * Deterministic, monotone projected gradient descent with Barzilai-Borwein trial steps and Armijo
 * backtracking.
 *
 * <p>Each step tries {@code x' = project(x - η·d)} with d the (preconditioned) gradient and η the
 * Barzilai-Borwein step {@code <s, s>/<s, y>} of the previous move (s the move, y the change of the
 * direction), and halves η until {@code f(x') ≤ f(x) - σ·<g, x - x'>} with {@code σ = 1e-4}; so the
 * objective never increases. It stops when the relative decrease over the last 20 accepted steps is
 * below {@code tolerance}, when 40 halvings (a factor 1e-12) find no decrease (stationary to machine
 * precision), or after {@code maxSteps}.
 */
public final class Descent {
    private static final double ARMIJO = 1e-4;
    private static final int WINDOW = 20;
    private static final int MAX_HALVINGS = 40;

    private final int maxSteps;
    private final double initialStep;
    private final double tolerance;

    /**
     * @param maxSteps largest number of accepted steps, at least 1
     * @param initialStep first trial step η₀, finite and positive
     * @param tolerance relative decrease over 20 steps that counts as converged, non-negative
     */
    public Descent(int maxSteps, double initialStep, double tolerance) {
        if (maxSteps < 1 || !(initialStep > 0) || !(tolerance >= 0)) {
            throw new IllegalArgumentException("need steps >= 1, a positive step size and a tolerance >= 0, got "
                + maxSteps + ", " + initialStep + ", " + tolerance);
        }
        this.maxSteps = maxSteps;
        this.initialStep = initialStep;
        this.tolerance = tolerance;
    }

    /**
     * Minimises f from x.
     *
     * @param f the objective
     * @param x start, feasible (modified: holds the final point)
     * @param listener told of the start and of each accepted step
     * @return how the run ended
     */
    public Outcome minimise(Objective f, double[] x, StepListener listener) {
        double[][] current = {x};
        Outcome o = descend(f, current, listener);
        if (current[0] != x) {
            System.arraycopy(current[0], 0, x, 0, x.length);
        }
        return o;
    }

    /** {@link #minimise} from {@code current[0]}, which always holds the current point (buffers are swapped, not copied). */
    private Outcome descend(Objective f, double[][] current, StepListener listener) {
        double[] x = current[0];
        int dim = x.length;
        double[] g = new double[dim];
        double[] d = new double[dim];
        double[] candidate = new double[dim];
        // x, candidate, g, candidateG, d, previousD: buffers swapped after each accepted step, never copied
        double[] candidateG = new double[dim];
        double[] previousD = new double[dim];
        double[] history = new double[WINDOW + 1];
        double value = f.valueAndGradient(x, g);
        f.direction(g, d);
        listener.onStep(0, value, x);
        history[0] = value;
        double eta = initialStep;
        int steps = 0;
        while (steps < maxSteps) {
            double trial = eta;
            double next;
            int halvings = 0;
            while (true) {
                double decrease = f.trial(x, d, trial, g, candidate);
                next = f.valueAndGradient(candidate, candidateG);
                if (next <= value - ARMIJO * decrease && next < value) {
                    break;
                }
                trial *= 0.5;
                if (++halvings > MAX_HALVINGS || decrease == 0) {
                    return new Outcome(steps, value, true, "no descent step left (stationary to machine precision)");
                }
            }
            double[] swap = previousD;
            previousD = d;
            d = swap;
            f.direction(candidateG, d);
            double[] bb = f.curvature(x, candidate, previousD, d);
            eta = bb[1] > 0 ? bb[0] / bb[1] : trial * 2;
            swap = x;
            x = candidate;
            candidate = swap;
            current[0] = x;
            swap = g;
            g = candidateG;
            candidateG = swap;
            value = next;
            steps++;
            listener.onStep(steps, value, x);
            history[steps % (WINDOW + 1)] = value;
            if (steps >= WINDOW) {
                double old = history[(steps - WINDOW) % (WINDOW + 1)];
                if (old - value <= tolerance * Math.abs(value)) {
                    return new Outcome(steps, value, true, "relative decrease over " + WINDOW + " steps below " + tolerance);
                }
            }
        }
        return new Outcome(steps, value, false, "step limit " + maxSteps + " reached");
    }

    /**
     * How a run ended.
     *
     * @param steps accepted steps
     * @param value final objective
     * @param converged whether the stopping rule (not the step limit) ended it
     * @param reason the stopping rule that fired
     */
    public record Outcome(int steps, double value, boolean converged, String reason) {
    }
}
