package org.dissect.descent;

/**
 * An SC objective restricted to the product of spheres {@code ‖z_n‖ = ρ}: the gradient is projected onto
 * the tangent space (Riemannian gradient) and {@link #project} retracts by rescaling each point.
 */
public final class OnSphere implements Objective {
    /** The loss of a whole configuration and its Euclidean gradient. */
    @FunctionalInterface
    public interface Loss {
        /**
         * @param z N·h coordinates (not modified)
         * @param gradient N·h output (overwritten)
         * @return the loss
         */
        double valueAndGradient(double[] z, double[] gradient);
    }

    private final Loss loss;
    private final int dim;
    private final double rho;

    /**
     * @param loss the loss
     * @param dim h
     * @param rho the sphere radius
     */
    public OnSphere(Loss loss, int dim, double rho) {
        this.loss = loss;
        this.dim = dim;
        this.rho = rho;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        double v = loss.valueAndGradient(x, gradient);
        Points.projectToTangent(x, gradient, dim);
        return v;
    }

    @Override
    public void project(double[] x) {
        Points.projectToSphere(x, dim, rho);
    }
}
