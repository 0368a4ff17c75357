package org.dissect.theory;

/**
 * Numerically stable {@code log(Σ_i exp(x_i))}: the maximum is factored out, so no term
 * overflows and the largest term contributes exactly {@code exp(0) = 1}.
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
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            max = Math.max(max, x[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(x[i] - max);
        }
        return max + Math.log(sum);
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
