package org.dissect.train;

import org.dissect.descent.CeGradient;
import org.dissect.descent.ScBatchGradient;

/**
 * A training loss as a function of one batch's features F (m×h) and, for CE, the head W (K×h): its value and its
 * gradients {@code ∂ℓ/∂F}, {@code ∂ℓ/∂W}. The encoder's backward pass takes it from there ({@link Mlp#backward}).
 */
public interface FeatureLoss {
    /**
     * @param features m×h features, row-major (not modified)
     * @param labels the m labels of the batch (not modified; its length is m)
     * @param head K×h head, or null (SC)
     * @param gradFeatures m×h output (overwritten) with {@code ∂ℓ/∂F}
     * @param gradHead K×h output (overwritten) with {@code ∂ℓ/∂W}, or null when the head is not trained
     * @return the batch's loss
     */
    double lossAndGradient(double[] features, int[] labels, double[] head, double[] gradFeatures, double[] gradHead);

    /**
     * The mean cross-entropy of the batch, Definition 1 over its m points: {@code (1/m) Σ_i -log softmax(W f_i)_{y_i}}
     * ({@link CeGradient}).
     *
     * @param engine the cross-entropy engine (not closed here)
     * @param classes K
     * @param dim h
     * @return the loss
     */
    static FeatureLoss crossEntropy(CeGradient engine, int classes, int dim) {
        return (f, labels, head, gf, gw) -> engine.lossAndGradient(f, 0, head, labels, classes, dim, gf, gw);
    }

    /**
     * The SC loss of the batch on the ρ-sphere, per anchor: with {@code z_i = ρ f_i/‖f_i‖},
     * {@code ℓ = ℓ_SC(Z; Y, B)/m} (Definition 2 over the batch's m rows, a row repeated by the i.i.d. draw being a
     * positive of its copy), which is Khosla et al.'s reported loss with {@code τ_base = τ = 1/ρ²}. The gradient goes
     * through the projection: {@code ∂ℓ/∂f = (ρ/‖f‖)(g - u<u, g>)}, {@code g = ∂ℓ/∂z}, {@code u = f/‖f‖}. A zero
     * feature has no direction: its z and gradient are taken as 0.
     *
     * @param engine the SC batch engine (not closed here)
     * @param dim h
     * @param rho ρ
     * @return the loss
     */
    static FeatureLoss supervisedContrastive(ScBatchGradient engine, int dim, double rho) {
        return new FeatureLoss() {
            private double[] z = new double[0];
            private double[] gz = new double[0];
            private double[] norms = new double[0];
            private int[] identity = new int[0];

            @Override
            public double lossAndGradient(double[] f, int[] labels, double[] head, double[] gf, double[] gw) {
                int m = labels.length;
                if (identity.length != m) {
                    z = new double[m * dim];
                    gz = new double[m * dim];
                    norms = new double[m];
                    identity = new int[m];
                    for (int i = 0; i < m; i++) {
                        identity[i] = i;
                    }
                }
                Projection.onSphere(f, m, dim, rho, z, norms);
                double loss = engine.lossAndGradient(z, dim, labels, identity, gz);
                for (int i = 0; i < m * dim; i++) {
                    gz[i] /= m;
                }
                Projection.backward(f, m, dim, rho, norms, gz, gf);
                return loss / m;
            }
        };
    }
}
