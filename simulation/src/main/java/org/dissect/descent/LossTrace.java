package org.dissect.descent;

import java.util.Arrays;

/** The objective after each recorded step of a run (growable array of doubles). */
public final class LossTrace {
    private long[] steps = new long[64];
    private double[] values = new double[64];
    private int size;

    /**
     * Records the objective after a step.
     *
     * @param step the step number (0 = start)
     * @param value the objective
     */
    public void add(long step, double value) {
        if (size == values.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        steps[size] = step;
        values[size++] = value;
    }

    /** @return the number of records */
    public int size() {
        return size;
    }

    /**
     * @param i record index
     * @return its step number
     */
    public long step(int i) {
        return steps[i];
    }

    /**
     * @param i record index
     * @return its objective
     */
    public double value(int i) {
        return values[i];
    }

    /** @return the last value recorded */
    public double last() {
        return values[size - 1];
    }
}
