package org.dissect.train;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The encoder: a multilayer perceptron with widths {@code d = w_0, w_1, …, w_L = h}, ReLU between layers and a linear
 * last layer (the features may take any sign, as the simplex the losses favour needs):
 *
 * <pre>
 *   A_0 = X,   Z_l = A_{l-1} W_lᵀ + 1 b_lᵀ,   A_l = max(Z_l, 0) (l &lt; L),   F = Z_L,
 * </pre>
 *
 * X the m×d inputs, {@code W_l} the {@code w_l × w_{l-1}} weights, {@code b_l} the biases, F the m×h features.
 * Backpropagation, exact: with {@code G_L = ∂ℓ/∂F}, for l = L, …, 1,
 * {@code ∂ℓ/∂W_l = G_lᵀ A_{l-1}}, {@code ∂ℓ/∂b_l = G_lᵀ 1} and {@code G_{l-1} = (G_l W_l) ⊙ [Z_{l-1} > 0]}
 * (the ReLU's derivative taken as 0 at 0, as PyTorch does).
 *
 * <p>Parameters are blocks {@code W_1, b_1, …, W_L, b_L} ({@link #blocks()}), each a row-major array. Initialisation
 * is PyTorch's default for {@code nn.Linear}: every weight and bias uniform on {@code [-1/√w_{l-1}, 1/√w_{l-1}]}.
 */
public final class Mlp {
    private final int[] widths;

    /**
     * @param widths {@code d, w_1, …, h}: at least two, each positive
     * @throws IllegalArgumentException if fewer than two widths are given, one is not positive, or a weight matrix has
     *         more than 2^31 - 1 entries
     */
    public Mlp(int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an encoder needs at least an input and an output width, got "
                + Arrays.toString(widths));
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("widths must be positive, got " + widths[i] + " in " + Arrays.toString(widths));
            }
            if (i > 0 && (long) widths[i] * widths[i - 1] > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("layer " + i + " of " + Arrays.toString(widths) + " has more than 2^31 weights");
            }
        }
        this.widths = widths.clone();
    }

    /**
     * @param widths layer widths, e.g. {@code 64, 256, 256, 64}
     * @return them joined by dashes, the way the figures and the command line name an architecture: {@code 64-256-256-64}
     */
    public static String widthsText(int... widths) {
        StringBuilder s = new StringBuilder();
        for (int w : widths) {
            s.append(s.length() == 0 ? "" : "-").append(w);
        }
        return s.toString();
    }

    /** @return the widths {@code d, w_1, …, h} */
    public int[] widths() {
        return widths.clone();
    }

    /** @return L, the number of linear layers */
    public int layers() {
        return widths.length - 1;
    }

    /** @return d */
    public int inputDim() {
        return widths[0];
    }

    /** @return h */
    public int featureDim() {
        return widths[widths.length - 1];
    }

    /** @return 2L, the parameter blocks {@code W_1, b_1, …, W_L, b_L} */
    public int blocks() {
        return 2 * layers();
    }

    /** @return the number of parameters, {@code Σ_l w_l (w_{l-1} + 1)} */
    public long parameterCount() {
        long n = 0;
        for (int l = 1; l < widths.length; l++) {
            n += (long) widths[l] * (widths[l - 1] + 1);
        }
        return n;
    }

    /**
     * @param rows m, the rows a pass holds at most
     * @return the bytes of the parameters (with their gradient and momentum) and of a workspace of m rows
     */
    public double bytesNeeded(int rows) {
        double activations = 0;
        for (int w : widths) {
            activations += (double) rows * w;
        }
        return 8.0 * (3 * parameterCount() + 3 * activations);
    }

    /**
     * PyTorch's default initialisation of {@code nn.Linear}.
     *
     * @param rng the seeded stream (advanced)
     * @return the blocks {@code W_1, b_1, …, W_L, b_L}
     */
    public double[][] initialParameters(UniformRandomProvider rng) {
        double[][] p = new double[blocks()][];
        for (int l = 1; l < widths.length; l++) {
            double bound = 1 / Math.sqrt(widths[l - 1]);
            p[2 * l - 2] = uniform(rng, widths[l] * widths[l - 1], bound);
            p[2 * l - 1] = uniform(rng, widths[l], bound);
        }
        return p;
    }

    static double[] uniform(UniformRandomProvider rng, int length, double bound) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = bound * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    /** @return zero blocks shaped like the parameters (gradients, momentum) */
    public double[][] zeros() {
        double[][] p = new double[blocks()][];
        for (int l = 1; l < widths.length; l++) {
            p[2 * l - 2] = new double[widths[l] * widths[l - 1]];
            p[2 * l - 1] = new double[widths[l]];
        }
        return p;
    }

    /** The activations of one pass, kept for the backward pass; sized for at most {@link #capacity()} rows. */
    public final class Workspace {
        private final int capacity;
        /** {@code z[l]}: the pre-activations {@code Z_l} (l ≥ 1), m×w_l; {@code z[L]} holds the features. */
        final double[][] z;
        /** {@code a[l]}: the activations {@code A_l} (l = 1..L-1), m×w_l; {@code a[0]} is the caller's input. */
        final double[][] a;
        private final double[] g0;
        private final double[] g1;
        private int rows;

        private Workspace(int capacity) {
            this.capacity = capacity;
            z = new double[widths.length][];
            a = new double[widths.length][];
            int widest = 0;
            for (int l = 1; l < widths.length; l++) {
                z[l] = new double[capacity * widths[l]];
                if (l < widths.length - 1) {
                    a[l] = new double[capacity * widths[l]];
                }
                widest = Math.max(widest, widths[l]);
            }
            g0 = new double[capacity * widest];
            g1 = new double[capacity * widest];
        }

        /** @return the most rows a pass may hold */
        public int capacity() {
            return capacity;
        }
    }

    /**
     * @param rows the most rows a pass will hold, at least 1
     * @return a workspace
     */
    public Workspace workspace(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a workspace needs at least 1 row, got " + rows);
        }
        return new Workspace(rows);
    }

    /**
     * The forward pass.
     *
     * @param params the blocks {@code W_1, b_1, …} (not modified)
     * @param x the m×d inputs, row-major (not modified; kept by reference for {@link #backward})
     * @param rows m, at most the workspace's capacity
     * @param ws the workspace (overwritten)
     * @param gemm the products
     * @return the m×h features F, row-major: the workspace's own array (valid until its next pass; longer than m·h
     *         when m is below the capacity)
     */
    public double[] forward(double[][] params, double[] x, int rows, Workspace ws, Gemm gemm) {
        if (rows > ws.capacity) {
            throw new IllegalArgumentException(rows + " rows exceed the workspace's " + ws.capacity);
        }
        ws.rows = rows;
        ws.a[0] = x;
        int last = widths.length - 1;
        for (int l = 1; l <= last; l++) {
            int in = widths[l - 1];
            int out = widths[l];
            double[] zl = ws.z[l];
            gemm.multiply(false, true, rows, out, in, ws.a[l - 1], params[2 * l - 2], zl);
            double[] bias = params[2 * l - 1];
            for (int r = 0; r < rows; r++) {
                int off = r * out;
                for (int j = 0; j < out; j++) {
                    zl[off + j] += bias[j];
                }
            }
            if (l < last) {
                double[] al = ws.a[l];
                for (int i = 0; i < rows * out; i++) {
                    al[i] = Math.max(zl[i], 0);
                }
            }
        }
        return ws.z[last];
    }

    /**
     * The backward pass of the last {@link #forward} in this workspace.
     *
     * @param params the blocks (not modified)
     * @param ws the workspace of the forward pass (its gradient buffers overwritten)
     * @param gradFeatures {@code ∂ℓ/∂F}, m×h row-major (not modified)
     * @param grads output blocks shaped like the parameters (overwritten with {@code ∂ℓ/∂W_l}, {@code ∂ℓ/∂b_l})
     * @param gemm the products
     */
    public void backward(double[][] params, Workspace ws, double[] gradFeatures, double[][] grads, Gemm gemm) {
        int rows = ws.rows;
        int last = widths.length - 1;
        double[] g = gradFeatures;
        for (int l = last; l >= 1; l--) {
            int in = widths[l - 1];
            int out = widths[l];
            gemm.multiply(true, false, out, in, rows, g, ws.a[l - 1], grads[2 * l - 2]);
            double[] db = grads[2 * l - 1];
            Arrays.fill(db, 0);
            for (int r = 0; r < rows; r++) {
                int off = r * out;
                for (int j = 0; j < out; j++) {
                    db[j] += g[off + j];
                }
            }
            if (l > 1) {
                double[] next = g == ws.g0 ? ws.g1 : ws.g0;
                gemm.multiply(false, false, rows, in, out, g, params[2 * l - 2], next);
                double[] zPrev = ws.z[l - 1];
                for (int i = 0; i < rows * in; i++) {
                    if (!(zPrev[i] > 0)) {
                        next[i] = 0;
                    }
                }
                g = next;
            }
        }
    }
}
