package org.dissect.train;

/**
 * Stochastic gradient descent with momentum and weight decay, as PyTorch's {@code torch.optim.SGD} (dampening 0, not
 * Nesterov), and the authors' learning-rate schedule. For every parameter p with gradient g:
 * {@code d = g + λ p;  v ← μ v + d;  p ← p - η_t v}, with {@code η_t = η ((T - t)/T)^5} at step t = 0, …, T-1.
 *
 * @param learningRate η, the initial rate (0.1 in the paper)
 * @param momentum μ (0.9 in the paper)
 * @param weightDecay λ (1e-4 for the encoders, 1e-3 for the linear probe)
 */
public record Sgd(double learningRate, double momentum, double weightDecay) {
    /** The exponent of the polynomial decay. */
    public static final int DECAY_POWER = 5;

    /** @throws IllegalArgumentException if a rate is negative or not finite, or μ is not in [0, 1) */
    public Sgd {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be finite and positive, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("the momentum must lie in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("the weight decay must be finite and non-negative, got " + weightDecay);
        }
    }

    /**
     * @param step t, {@code 0 ≤ t < T}
     * @param steps T
     * @return {@code η ((T - t)/T)^5}
     */
    public double rate(int step, int steps) {
        double r = (double) (steps - step) / steps;
        return learningRate * Math.pow(r, DECAY_POWER);
    }

    /**
     * One step on every block.
     *
     * @param params parameter blocks (modified)
     * @param grads their gradients (not modified)
     * @param velocity the momentum buffers v, shaped like the parameters (modified; zero at the start)
     * @param rate {@code η_t}
     */
    public void step(double[][] params, double[][] grads, double[][] velocity, double rate) {
        for (int b = 0; b < params.length; b++) {
            double[] p = params[b];
            double[] g = grads[b];
            double[] v = velocity[b];
            for (int i = 0; i < p.length; i++) {
                v[i] = momentum * v[i] + (g[i] + weightDecay * p[i]);
                p[i] -= rate * v[i];
            }
        }
    }
}
