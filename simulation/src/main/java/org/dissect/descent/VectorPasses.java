package org.dissect.descent;

/**
 * The sums a descent step takes over a range of coordinates, each as four independent running sums over
 * {@code (i − from) mod 4} added as {@code (p₀ + p₁) + (p₂ + p₃)} (the rest of the range, fewer than four, goes to
 * p₀): a fixed order, and a pass bound by memory rather than by the latency of one chain of dependent additions.
 */
final class VectorPasses {
    private VectorPasses() {
    }

    /**
     * The first-order decrease of a trial point: {@code Σ_{i ∈ [from, to)} g_i (x_i − c_i)}.
     *
     * @param x the current point (not modified)
     * @param g the gradient at x (not modified)
     * @param c the trial point (not modified)
     * @param from first coordinate
     * @param to one past the last
     * @return the sum
     */
    static double decrease(double[] x, double[] g, double[] c, int from, int to) {
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            p0 += g[i] * (x[i] - c[i]);
            p1 += g[i + 1] * (x[i + 1] - c[i + 1]);
            p2 += g[i + 2] * (x[i + 2] - c[i + 2]);
            p3 += g[i + 3] * (x[i + 3] - c[i + 3]);
        }
        for (; i < to; i++) {
            p0 += g[i] * (x[i] - c[i]);
        }
        return (p0 + p1) + (p2 + p3);
    }

    /**
     * The Barzilai-Borwein sums of a move over {@code [from, to)}: {@code <s, s>} and {@code <s, y>} with
     * {@code s = next − x}, {@code y = nextD − d}.
     *
     * @param x the point before the move (not modified)
     * @param next the point after it (not modified)
     * @param d the direction at x (not modified)
     * @param nextD the direction at next (not modified)
     * @param from first coordinate
     * @param to one past the last
     * @param out output: {@code out[at]} += {@code <s, s>}, {@code out[at + 1]} += {@code <s, y>} (modified)
     * @param at where in out
     */
    static void curvature(double[] x, double[] next, double[] d, double[] nextD, int from, int to, double[] out, int at) {
        double ss0 = 0;
        double ss1 = 0;
        double ss2 = 0;
        double ss3 = 0;
        double sy0 = 0;
        double sy1 = 0;
        double sy2 = 0;
        double sy3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            double s0 = next[i] - x[i];
            double s1 = next[i + 1] - x[i + 1];
            double s2 = next[i + 2] - x[i + 2];
            double s3 = next[i + 3] - x[i + 3];
            ss0 += s0 * s0;
            ss1 += s1 * s1;
            ss2 += s2 * s2;
            ss3 += s3 * s3;
            sy0 += s0 * (nextD[i] - d[i]);
            sy1 += s1 * (nextD[i + 1] - d[i + 1]);
            sy2 += s2 * (nextD[i + 2] - d[i + 2]);
            sy3 += s3 * (nextD[i + 3] - d[i + 3]);
        }
        for (; i < to; i++) {
            double s = next[i] - x[i];
            ss0 += s * s;
            sy0 += s * (nextD[i] - d[i]);
        }
        out[at] += (ss0 + ss1) + (ss2 + ss3);
        out[at + 1] += (sy0 + sy1) + (sy2 + sy3);
    }
}
