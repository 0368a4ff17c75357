package org.dissect.descent;

/**
 * A smooth objective on a constrained set, as {@link Descent} needs it: value and gradient together, the feasible
 * set's projection, and an optional preconditioner of the gradient.
 */
public interface Objective {
    /**
     * @param x point (not modified)
     * @param gradient output (overwritten) with the gradient at x, already projected onto the feasible
     *        set's tangent space where the set is a manifold
     * @return the objective at x
     */
    double valueAndGradient(double[] x, double[] gradient);

    /**
     * Maps a point back onto the feasible set (retraction for a sphere, projection for a ball).
     *
     * @param x point (modified)
     */
    void project(double[] x);

    /**
     * Turns a gradient into a descent direction (default: unchanged).
     *
     * @param gradient the gradient (modified into the direction)
     */
    default void precondition(double[] gradient) {
    }

    /**
     * The trial point of a descent step and its first-order decrease: {@code candidate ← project(x − η·d)}, returning
     * {@code <g, x − candidate>}. This default makes the three passes over the coordinates one after another (the
     * reference); an implementation may fuse them into one pass as long as candidate keeps the same bits and the sum
     * differs only in its rounding (the order of the additions).
     *
     * @param x the current point (not modified)
     * @param d the descent direction (not modified)
     * @param eta the trial step η
     * @param g the gradient at x (not modified)
     * @param candidate output (overwritten) with the projected trial point
     * @return {@code <g, x − candidate>}
     */
    default double trial(double[] x, double[] d, double eta, double[] g, double[] candidate) {
        for (int i = 0; i < x.length; i++) {
            candidate[i] = x[i] - eta * d[i];
        }
        project(candidate);
        double decrease = 0;
        for (int i = 0; i < x.length; i++) {
            decrease += g[i] * (x[i] - candidate[i]);
        }
        return decrease;
    }

    /**
     * The sums of the Barzilai-Borwein step {@code <s, s>/<s, y>} of a move, {@code s = next − x} and
     * {@code y = nextD − d}. This default makes one pass ({@link VectorPasses#curvature}); an implementation may split it
     * over threads, adding the parts in a fixed order.
     *
     * @param x the point before the move (not modified)
     * @param next the point after it (not modified)
     * @param d the direction at x (not modified)
     * @param nextD the direction at next (not modified)
     * @return {@code {<s, s>, <s, y>}}
     */
    default double[] curvature(double[] x, double[] next, double[] d, double[] nextD) {
        double[] sums = new double[2];
        VectorPasses.curvature(x, next, d, nextD, 0, x.length, sums, 0);
        return sums;
    }

    /**
     * The descent direction of a gradient: {@code direction ← precondition(gradient)}. This default copies and then
     * calls {@link #precondition}; an implementation may do both in one pass with the same bits.
     *
     * @param gradient the gradient (not modified)
     * @param direction output (overwritten) with the direction
     */
    default void direction(double[] gradient, double[] direction) {
        System.arraycopy(gradient, 0, direction, 0, gradient.length);
        precondition(direction);
    }
}
