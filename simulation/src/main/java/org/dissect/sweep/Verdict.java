package org.dissect.sweep;

import org.dissect.descent.ScMode;

/**
 * What a cell's best loss says about the theorem, with the tolerances it is judged by.
 *
 * <p>Scale: tolerances are relative to {@code max(1, |bound|)}. <b>Below.</b> A loss below the bound by more than
 * {@link #BELOW} (1e-9) is a bug or a counterexample: the exact objective is a compensated sum evaluated in doubles,
 * whose relative error is below 1e-13 at the sizes a sweep enumerates, so 1e-9 leaves four orders of magnitude for
 * rounding and flags any real violation. <b>Reached.</b> A loss within {@link #reach(Cell)} of the bound has reached
 * it: exact, full and CE descents stop when the loss falls by less than the tolerance (1e-13) over 20 steps, and
 * near the simplex the gap shrinks quadratically with the distance to it, so converged runs end within about 1e-14
 * (measured: |gap| below 1e-14 in all 691 confirmed cells of the bench sweep in bench/README.md);
 * {@link #DESCENT_REACH} = 1e-7 separates them from a start held at another critical point, whose gap is of order
 * 1e-2 or more. Sampled mode ends at SGD's noise floor (about 1e-5 relative
 * after the Fig. 6 run's 100k steps, larger for fewer): {@link #SAMPLED_REACH} = 1e-3.
 */
public enum Verdict {
    /** The hypotheses hold and the best start reached the bound within {@link #reach(Cell)}. */
    CONFIRMED,
    /** The hypotheses hold but no start reached the bound: every start stopped at another critical point. */
    STUCK,
    /** A loss below the bound by more than {@link #BELOW}: a bug or a counterexample; must never happen. */
    BELOW_BOUND,
    /** The hypotheses do not hold (imbalanced, {@code K > h+1}, or {@code b < 3}): what was found is reported. */
    OUTSIDE;

    /** Relative tolerance below the bound before a loss is flagged {@link #BELOW_BOUND}. */
    public static final double BELOW = 1e-9;
    /** Relative tolerance above the bound within which an exact, full or CE descent has reached it. */
    public static final double DESCENT_REACH = 1e-7;
    /** Relative tolerance above the bound within which a sampled (SGD) descent has reached it. */
    public static final double SAMPLED_REACH = 1e-3;

    /**
     * @param cell the cell
     * @return its relative reach tolerance
     */
    public static double reach(Cell cell) {
        return cell.mode() == ScMode.SAMPLED ? SAMPLED_REACH : DESCENT_REACH;
    }

    /**
     * @param cell the cell
     * @param value a loss or bound that sets the scale
     * @return the absolute reach tolerance, {@code reach(cell)·max(1, |value|)}
     */
    public static double reachAbsolute(Cell cell, double value) {
        return reach(cell) * Math.max(1, Math.abs(value));
    }

    /**
     * @param cell the cell
     * @param bestLoss its best final loss
     * @param bound its bound, NaN where none applies
     * @return the verdict
     */
    public static Verdict of(Cell cell, double bestLoss, double bound) {
        if (!Double.isNaN(bound) && bestLoss < bound - BELOW * Math.max(1, Math.abs(bound))) {
            return BELOW_BOUND;
        }
        if (!cell.hypothesesHold() || Double.isNaN(bound)) {
            return OUTSIDE;
        }
        return bestLoss <= bound + reachAbsolute(cell, bound) ? CONFIRMED : STUCK;
    }

    /** @return the JSON and CSV name: {@code confirmed}, {@code stuck}, {@code belowBound}, {@code outside} */
    public String key() {
        return switch (this) {
            case CONFIRMED -> "confirmed";
            case STUCK -> "stuck";
            case BELOW_BOUND -> "belowBound";
            case OUTSIDE -> "outside";
        };
    }
}
