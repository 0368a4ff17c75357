package org.dissect.report;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Tukey's box plot of a list of values: the quartiles (Hyndman and Fan's definition 7, linear interpolation
 * between order statistics at {@code (n-1)p}, NumPy's and R's default), whiskers to the furthest values within
 * 1.5 interquartile ranges of the box, and the values beyond them as outliers.
 *
 * @param q1 the first quartile
 * @param median the median
 * @param q3 the third quartile
 * @param lowerWhisker the smallest value at or above {@code q1 - 1.5(q3 - q1)}, or q1 if that value is above q1
 *     (matplotlib's rule: a whisker never reaches into the box)
 * @param upperWhisker the largest value at or below {@code q3 + 1.5(q3 - q1)}, or q3 if that value is below q3
 * @param outliers the values outside the whiskers, ascending
 */
record Box(double q1, double median, double q3, double lowerWhisker, double upperWhisker, double[] outliers) {

    /**
     * @param values one or more finite values (not modified)
     * @return their box plot
     * @throws IllegalArgumentException if there are none or one is not finite
     */
    static Box of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a box plot needs at least one value");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        if (!Double.isFinite(v[0]) || !Double.isFinite(v[v.length - 1])) {
            throw new IllegalArgumentException("a box plot needs finite values");
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        double q1 = p.evaluate(25);
        double median = p.evaluate(50);
        double q3 = p.evaluate(75);
        double reach = 1.5 * (q3 - q1);
        double lower = q1;
        double upper = q3;
        int outside = 0;
        for (double x : v) {
            if (x < q1 - reach || x > q3 + reach) {
                outside++;
            } else {
                lower = Math.min(lower, x);
                upper = Math.max(upper, x);
            }
        }
        double[] outliers = new double[outside];
        int i = 0;
        for (double x : v) {
            if (x < q1 - reach || x > q3 + reach) {
                outliers[i++] = x;
            }
        }
        return new Box(q1, median, q3, lower, upper, outliers);
    }
}
