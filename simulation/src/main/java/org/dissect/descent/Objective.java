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
}
