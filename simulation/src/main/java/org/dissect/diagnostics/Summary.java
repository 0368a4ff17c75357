package org.dissect.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The minimum, mean and maximum of a finite list of values: the summary every diagnostic uses.
 *
 * <p>NaN propagates: if any value is NaN (an undefined statistic, e.g. the γ of a zero vector),
 * {@code min}, {@code mean} and {@code max} are all NaN, so an undefined input is never hidden.
 * An empty list gives {@code count = 0} and NaN for the three statistics.
 *
 * @param count number of values summarised
 * @param min smallest value
 * @param mean arithmetic mean {@code (1/count)·Σ v_i}
 * @param max largest value
 */
public record Summary(int count, double min, double mean, double max) {

    /**
     * Summarises values.
     *
     * @param values the values (not modified)
     * @return their count, minimum, mean and maximum; NaN statistics if empty or if any value is NaN
     */
    public static Summary of(double[] values) {
        if (values.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        boolean nan = false;
        for (double v : values) {
            nan |= Double.isNaN(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        if (nan) {
            return new Summary(values.length, Double.NaN, Double.NaN, Double.NaN);
        }
        // Clamp the mean into [min, max]: rounding of the sum must not put it outside.
        double mean = Math.min(max, Math.max(min, sum / values.length));
        return new Summary(values.length, min, mean, max);
    }

    /** @return {@code max - min} */
    public double range() {
        return max - min;
    }

    /**
     * The summary as an ordered map {@code {min, mean, max}} for JSON output; NaN becomes {@code null}.
     *
     * @return a new map with keys {@code min}, {@code mean}, {@code max}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", CollapseReport.jsonNumber(min));
        m.put("mean", CollapseReport.jsonNumber(mean));
        m.put("max", CollapseReport.jsonNumber(max));
        return m;
    }
}
