package org.dissect.descent;

/** Observes a descent: called at the start (step 0) and after every accepted step. */
@FunctionalInterface
public interface StepListener {
    /** A listener that ignores every step. */
    StepListener NONE = (step, value, x) -> { };

    /**
     * @param step steps taken so far
     * @param value the objective after this step
     * @param x the current variables (not to be modified; copy to keep)
     */
    void onStep(int step, double value, double[] x);
}
