package org.dissect.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.dissect.descent.ScMode;
import org.junit.jupiter.api.Test;

/**
 * A cell's summary statistics against their textbook definitions, computed independently (sorting a copy), and the
 * restart accounting of a real cell: every start counted once, the best start's loss the smallest.
 */
class CellResultTest {
    private static final Cell CELL = new Cell(Loss.SC, new int[] {2, 2}, 2, 3, 1, 0, ScMode.EXACT, 3, 200, 0.1, 1e-13, 1);

    private static CellResult withLosses(double[] losses) {
        int best = 0;
        for (int r = 1; r < losses.length; r++) {
            best = losses[r] < losses[best] ? r : best;
        }
        return new CellResult(CELL, losses, 0.5, "Theorem 2 mean bound", 1, 1, losses.length, 10, best,
            new double[] {1, -1, -1, 1}, 0, 0, 180, 180, Double.NaN, Double.NaN, new double[8], null, 0.1);
    }

    @Property(tries = 200)
    void bestMedianAndWorstAreTheOrderStatistics(@ForAll @Size(min = 1, max = 9) double[] raw,
            @ForAll @DoubleRange(min = -3, max = 3) double shift) {
        double[] losses = Arrays.stream(raw).map(v -> Double.isFinite(v) ? (v % 100) + shift : shift).toArray();
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        CellResult r = withLosses(losses.clone());
        assertEquals(sorted[0], r.bestLoss());
        assertEquals(sorted[n - 1], r.worstLoss());
        assertEquals(median, r.medianLoss(), 1e-12 * Math.max(1, Math.abs(median)));
        assertEquals(sorted[0] - 0.5, r.gap(), 1e-12 * Math.max(1, Math.abs(sorted[0])));
    }

    @Test
    void evenCountsAverageTheMiddleTwo() {
        CellResult r = withLosses(new double[] {4, 1, 3, 2});
        assertEquals(2.5, r.medianLoss());
        assertEquals(4, r.worstLoss());
        assertEquals(1, r.bestLoss());
    }

    @Test
    void everyRestartIsCountedOnceAndTheBestIsTheSmallest() {
        CellResult r = SweepCell.run(CELL);
        assertEquals(CELL.restarts(), r.losses().length);
        assertTrue(r.converged() >= 0 && r.converged() <= CELL.restarts(), "converged " + r.converged());
        assertTrue(r.steps() >= CELL.restarts(), "each restart takes at least one step: " + r.steps());
        for (double l : r.losses()) {
            assertTrue(r.bestLoss() <= l);
        }
        assertTrue(r.reachedBest() >= 1 && r.reachedBest() <= CELL.restarts());
        assertEquals("Theorem 2 mean bound", r.boundSource());
        assertEquals("", SweepCell.boundSource(new Cell(Loss.SC, new int[] {3, 2}, 2, 3, 1, 0, ScMode.EXACT, 1, 10, 0.1, 1e-13, 1)));
        assertEquals("full batch at the simplex",
            SweepCell.boundSource(new Cell(Loss.SC, new int[] {2, 2}, 2, 4, 1, 0, ScMode.FULL, 1, 10, 0.1, 1e-13, 1)));
        assertEquals("Corollary 2", SweepCell.boundSource(new Cell(Loss.CE, new int[] {2, 2}, 2, 0, 1, 0.1, null, 1, 10, 0.1, 1e-13, 1)));
    }
}
