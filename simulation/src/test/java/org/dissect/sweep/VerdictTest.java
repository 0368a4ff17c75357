package org.dissect.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dissect.descent.ScMode;
import org.junit.jupiter.api.Test;

/** The verdict on synthetic best losses around a bound, including a loss below it that must be flagged. */
class VerdictTest {
    private static Cell sc(int[] sizes, int dim, int batch, ScMode mode) {
        return new Cell(Loss.SC, sizes, dim, batch, 1, 0, mode, 4, 100, 0.1, 1e-13, 1);
    }

    @Test
    void aLossBelowTheBoundIsFlaggedWhereverTheBoundApplies() {
        double bound = 12.12015;
        Cell inside = sc(new int[] {4, 4, 4}, 2, 9, ScMode.EXACT);
        double below = bound - 2 * Verdict.BELOW * bound;
        assertEquals(Verdict.BELOW_BOUND, Verdict.of(inside, below, bound));
        // K > h+1: the bound still holds (it is not attained), so undercutting it is still a bug or a counterexample
        assertEquals(Verdict.BELOW_BOUND, Verdict.of(sc(new int[] {4, 4, 4}, 1, 9, ScMode.EXACT), below, bound));
        // within the rounding allowance it is not
        assertEquals(Verdict.CONFIRMED, Verdict.of(inside, bound - 0.5 * Verdict.BELOW * bound, bound));
    }

    @Test
    void aResultBelowItsBoundIsListedUnderBelowBoundInTheTableAndTheJson() {
        Cell c = sc(new int[] {2, 2}, 2, 3, ScMode.EXACT);
        double bound = SweepCell.bound(c);
        CellResult below = new CellResult(c, new double[] {bound * (1 - 1e-6), bound + 1}, bound, "Theorem 2 mean bound", 1, 1, 2, 10,
            0, new double[] {1, -1, -1, 1}, 0, 0, 180, 180, Double.NaN, Double.NaN, new double[8], null, 0.1);
        CellResult fine = new CellResult(c, new double[] {bound, bound}, bound, "Theorem 2 mean bound", 2, 2, 2, 10,
            0, new double[] {1, -1, -1, 1}, 0, 0, 180, 180, Double.NaN, Double.NaN, new double[8], null, 0.1);
        java.util.List<CellResult> results = java.util.List.of(fine, below);
        assertEquals(java.util.List.of(1), SweepTable.verdict(results).get("belowBound"));
        assertEquals(java.util.List.of(0), SweepTable.verdict(results).get("confirmed"));
        assertEquals("confirmed 1  stuck 0  belowBound 1  outside 0", SweepTable.tally(results));
        assertEquals("belowBound", SweepTable.csvRow(1, below).get(SweepTable.CSV_HEADER.indexOf("verdict")));
        assertEquals("belowBound", SweepTable.json(1, below).get("verdict"));
        assertEquals(bound * (1 - 1e-6) - bound, (double) SweepTable.json(1, below).get("gap"), 1e-15);
    }

    @Test
    void reachedWithinTheModesToleranceIsConfirmedBeyondItStuck() {
        double bound = 3.0;
        Cell exact = sc(new int[] {2, 2}, 2, 4, ScMode.EXACT);
        assertEquals(Verdict.CONFIRMED, Verdict.of(exact, bound, bound));
        assertEquals(Verdict.CONFIRMED, Verdict.of(exact, bound + 0.9 * Verdict.DESCENT_REACH * bound, bound));
        assertEquals(Verdict.STUCK, Verdict.of(exact, bound + 2 * Verdict.DESCENT_REACH * bound, bound));
        Cell sampled = sc(new int[] {2, 2}, 2, 4, ScMode.SAMPLED);
        assertEquals(Verdict.CONFIRMED, Verdict.of(sampled, bound + 0.9 * Verdict.SAMPLED_REACH * bound, bound));
        assertEquals(Verdict.STUCK, Verdict.of(sampled, bound + 2 * Verdict.SAMPLED_REACH * bound, bound));
        // a bound below 1 is judged on the absolute scale 1
        assertEquals(Verdict.CONFIRMED, Verdict.of(exact, 1e-3 + 0.9 * Verdict.DESCENT_REACH, 1e-3));
    }

    @Test
    void cellsOutsideTheHypothesesAreOutsideUnlessBelowTheBound() {
        assertEquals(Verdict.OUTSIDE, Verdict.of(sc(new int[] {2, 2, 2, 2}, 2, 4, ScMode.EXACT), 5, 3), "K > h+1");
        assertEquals(Verdict.OUTSIDE, Verdict.of(sc(new int[] {2, 2}, 2, 2, ScMode.EXACT), 5, 3), "b < 3");
        assertEquals(Verdict.OUTSIDE, Verdict.of(sc(new int[] {3, 1}, 2, 4, ScMode.EXACT), 5, Double.NaN), "imbalanced");
        assertEquals(Verdict.OUTSIDE, Verdict.of(sc(new int[] {2, 2, 2, 2}, 2, 4, ScMode.EXACT), 3, 3), "at the bound, still outside");
    }
}
