package org.dissect.train;

/**
 * The projection of features onto the sphere of radius ρ, {@code z = ρ f/‖f‖}, and its backward pass. Its Jacobian is
 * {@code ∂z/∂f = (ρ/‖f‖)(I - u uᵀ)}, {@code u = f/‖f‖}, symmetric, so {@code ∂ℓ/∂f = (ρ/‖f‖)(g - u<u, g>)}.
 */
final class Projection {
    private Projection() {
    }

    /**
     * @param f m×h features (not modified)
     * @param m rows
     * @param dim h
     * @param rho ρ
     * @param z m×h output, {@code ρ f/‖f‖} (0 for a zero feature)
     * @param norms m outputs, {@code ‖f_i‖}
     */
    static void onSphere(double[] f, int m, int dim, double rho, double[] z, double[] norms) {
        for (int i = 0; i < m; i++) {
            int off = i * dim;
            double s = 0;
            for (int k = 0; k < dim; k++) {
                s += f[off + k] * f[off + k];
            }
            double norm = Math.sqrt(s);
            norms[i] = norm;
            double scale = norm > 0 ? rho / norm : 0;
            for (int k = 0; k < dim; k++) {
                z[off + k] = f[off + k] * scale;
            }
        }
    }

    /**
     * @param f m×h features of the forward pass (not modified)
     * @param m rows
     * @param dim h
     * @param rho ρ
     * @param norms their norms from {@link #onSphere}
     * @param gz {@code ∂ℓ/∂z} (not modified)
     * @param gf output, {@code ∂ℓ/∂f} (0 for a zero feature)
     */
    static void backward(double[] f, int m, int dim, double rho, double[] norms, double[] gz, double[] gf) {
        for (int i = 0; i < m; i++) {
            int off = i * dim;
            double norm = norms[i];
            if (!(norm > 0)) {
                java.util.Arrays.fill(gf, off, off + dim, 0);
                continue;
            }
            double ug = 0;
            for (int k = 0; k < dim; k++) {
                ug += f[off + k] * gz[off + k];
            }
            ug /= norm;
            double scale = rho / norm;
            for (int k = 0; k < dim; k++) {
                gf[off + k] = scale * (gz[off + k] - f[off + k] / norm * ug);
            }
        }
    }
}
