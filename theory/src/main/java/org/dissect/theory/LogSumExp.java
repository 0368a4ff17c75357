package org.dissect.theory;

/**
 * Numerically stable {@code log(Σ_i exp(x_i))}: the maximum is factored out, so no term overflows and
 * the largest term contributes exactly {@code exp(0) = 1}; the remaining terms go through {@code log1p},
 * so {@code log(1 + tiny)} keeps its full relative precision.
 */
public final class LogSumExp {
    private LogSumExp() {
    }

    /**
     * Returns {@code log(Σ_{i in [from, to)} exp(x[i]))}.
     *
     * @param x values (not modified)
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the log-sum-exp, {@code -Infinity} for an empty range
     */
    public static double value(double[] x, int from, int to) {
        return minus(x, from, to, 0);
    }

    /**
     * Returns {@code log(Σ_{i in [from, to)} exp(x[i])) - c}, evaluated as
     * {@code (max - c) + log1p(Σ_{i ≠ argmax} exp(x[i] - max))}. When c is close to the maximum (the
     * cross-entropy {@code lse - logit_y} of a confident point, the SC anchor loss {@code lse - mean
     * positive logit} at a collapsed configuration) the difference keeps full relative precision, where
     * subtracting c from a rounded log-sum-exp would lose it all.
     *
     * @param x values (not modified)
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @param c the value to subtract
     * @return the log-sum-exp minus c; {@code -Infinity} for an empty range
     */
    public static double minus(double[] x, int from, int to, double c) {
        int argmax = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (x[i] > max) {
                max = x[i];
                argmax = i;
            }
        }
        if (argmax < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double rest = 0;
        for (int i = from; i < to; i++) {
            if (i != argmax) {
                rest += Math.exp(x[i] - max);
            }
        }
        return (max - c) + Math.log1p(rest);
    }

    /**
     * Returns {@code log(Σ_i exp(x[i]))} over the whole array.
     *
     * @param x values (not modified)
     * @return the log-sum-exp
     */
    public static double value(double[] x) {
        return value(x, 0, x.length);
    }
}
