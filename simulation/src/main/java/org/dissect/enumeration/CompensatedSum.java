package org.dissect.enumeration;

/**
 * Neumaier's compensated summation (improved Kahan–Babuška): the running sum carries a separate
 * compensation of the low-order bits lost at each addition, so the error of {@code value()} is about
 * {@code 2ε·Σ|x_i| / |Σ x_i|} relative, independent of the number of terms for sums of one sign
 * (Neumaier, ZAMM 54, 1974). Not thread-safe.
 */
final class CompensatedSum {
    private double sum;
    private double compensation;

    /**
     * Adds one term.
     *
     * @param x the term
     */
    void add(double x) {
        double s = sum + x;
        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - s) + x : (x - s) + sum;
        sum = s;
    }

    /**
     * Adds another compensated sum given as its two parts.
     *
     * @param otherSum the other running sum
     * @param otherCompensation the other compensation
     */
    void add(double otherSum, double otherCompensation) {
        add(otherSum);
        add(otherCompensation);
    }

    /** @return the compensated sum */
    double value() {
        return sum + compensation;
    }
}
