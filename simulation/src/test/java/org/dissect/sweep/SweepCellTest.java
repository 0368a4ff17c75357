package org.dissect.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dissect.descent.Points;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;
import org.dissect.enumeration.NaiveEnumeration;
import org.dissect.theory.CrossEntropyBounds;
import org.junit.jupiter.api.Test;

/**
 * Small cells end to end: confirmed cells reach the bound to the stated tolerance, with the simplex's geometry; the
 * reported losses agree with an independent evaluation (the naive enumeration); cells outside the hypotheses say so.
 */
class SweepCellTest {
    private static Cell sc(int[] sizes, int dim, int batch, double rho2, ScMode mode, int restarts) {
        return new Cell(Loss.SC, sizes, dim, batch, rho2, 0, mode, restarts, SweepGrid.defaultSteps(mode),
            SweepGrid.defaultLearningRate(mode), 1e-13, 11);
    }

    /** The mean batch loss of a configuration from the naive enumeration (a different code path from the descent's). */
    private static double naiveMeanLoss(Cell c, double[] points) {
        EnumerationProblem p = new EnumerationProblem(Points.rows(points, c.dim()), ScSimulation.labels(c.classSizes()), c.classes(),
            c.effectiveBatch());
        EnumerationResult r = new NaiveEnumeration().enumerate(p, EnumerationRequest.loss());
        return r.totalLoss() / r.batchCount();
    }

    @Test
    void smallBalancedExactCellsReachTheorem2WithTheSimplexGeometry() {
        int[][] settings = {{2, 2, 2, 4}, {3, 1, 2, 3}, {3, 2, 2, 3}, {3, 2, 3, 4}, {4, 1, 3, 4}};
        for (int[] s : settings) {
            int k = s[0];
            Cell c = sc(ScSimulation.balancedSizes(k, s[1]), s[2], s[3], 2.0, ScMode.EXACT, 3);
            CellResult r = SweepCell.run(c);
            assertEquals(Verdict.CONFIRMED, r.verdict(), c.canonical() + ": " + r.bestLoss() + " vs " + r.bound());
            assertEquals(r.bound(), r.bestLoss(), Verdict.DESCENT_REACH * Math.max(1, r.bound()), c.canonical());
            assertEquals(naiveMeanLoss(c, r.bestPoints()), r.bestLoss(), 1e-12 * r.bestLoss(), "the reported loss is the loss");
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double want = i == j ? 1 : -1.0 / (k - 1);
                    assertEquals(want, r.classMeanGram()[i * k + j], 1e-5, c.canonical() + " Gram " + i + "," + j);
                }
            }
            double simplexAngle = Math.toDegrees(Math.acos(-1.0 / (k - 1)));
            assertEquals(simplexAngle, r.minAngle(), 1e-3);
            assertEquals(simplexAngle, r.maxAngle(), 1e-3);
            assertTrue(r.simplexDeviation() < 1e-5 && r.withinClassSpread() < 1e-3, c.canonical());
            assertTrue(r.reachedBest() >= 1 && r.reachedBound() >= 1);
        }
    }

    @Test
    void onTheLineTheSphereIsTwoPointsAndDescentCannotMove() {
        // h = 1: S^0 = {-rho, rho}; the Riemannian gradient vanishes, so each start stays where it was drawn
        CellResult r = SweepCell.run(sc(ScSimulation.balancedSizes(2, 2), 1, 3, 2.0, ScMode.EXACT, 4));
        assertEquals(0, r.steps());
        assertTrue(r.bestLoss() >= r.bound() - Verdict.BELOW * r.bound());
    }

    @Test
    void beyondTheSimplexTheBoundHoldsButIsNotReached() {
        // K = 4 on the circle: no regular simplex of 4 vertices in R^2
        Cell c = sc(ScSimulation.balancedSizes(4, 1), 2, 3, 1.0, ScMode.EXACT, 3);
        CellResult r = SweepCell.run(c);
        assertEquals(Verdict.OUTSIDE, r.verdict());
        assertTrue(r.gap() > 1e-3, "unattainable: gap " + r.gap());
        assertEquals(naiveMeanLoss(c, r.bestPoints()), r.bestLoss(), 1e-12 * r.bestLoss());
    }

    @Test
    void imbalancedCellsHaveNoBoundAndTheirLossIsTheImbalancedLoss() {
        Cell c = sc(new int[] {3, 1, 1}, 2, 3, 1.0, ScMode.EXACT, 2);
        CellResult r = SweepCell.run(c);
        assertTrue(Double.isNaN(r.bound()));
        assertEquals(Verdict.OUTSIDE, r.verdict());
        assertEquals(naiveMeanLoss(c, r.bestPoints()), r.bestLoss(), 1e-12 * r.bestLoss());
        Cell sampled = sc(new int[] {3, 1, 1}, 2, 3, 1.0, ScMode.SAMPLED, 1);
        CellResult s = SweepCell.run(new Cell(Loss.SC, sampled.classSizes(), 2, 3, 1.0, 0, ScMode.SAMPLED, 1, 500, 1.0, 1e-13, 1));
        assertEquals(naiveMeanLoss(sampled, s.bestPoints()), s.bestLoss(), 1e-12 * s.bestLoss(), "sampled: the exact final loss");
    }

    @Test
    void fullModeReachesTheFullBatchsSimplexLevel() {
        Cell c = sc(ScSimulation.balancedSizes(3, 3), 2, 0, 1.0, ScMode.FULL, 2);
        CellResult r = SweepCell.run(new Cell(Loss.SC, c.classSizes(), 2, 9, 1.0, 0, ScMode.FULL, 2, 5000, 0.1, 1e-13, 1));
        // K n log(n-1 + (N-n) e^{-K rho^2/(K-1)}) with K = 3, n = 3, N = 9, rho^2 = 1
        assertEquals(9 * Math.log(2 + 6 * Math.exp(-1.5)), r.bound(), 1e-14);
        assertEquals(Verdict.CONFIRMED, r.verdict(), r.bestLoss() + " vs " + r.bound());
        int[] all = java.util.stream.IntStream.range(0, 9).toArray();
        assertEquals(org.dissect.theory.SupervisedContrastive.batchLoss(Points.rows(r.bestPoints(), 2), ScSimulation.labels(c.classSizes()), all),
            r.bestLoss(), 1e-12 * r.bestLoss(), "the loss of the one batch of all N points (Definition 2 directly)");
    }

    @Test
    void balancedCeCellsReachCorollary2() {
        Cell c = new Cell(Loss.CE, new int[] {2, 2, 2}, 2, 0, 1.0, 0.05, null, 2, 20_000, 0.1, 1e-13, 1);
        CellResult r = SweepCell.run(c);
        assertEquals(CrossEntropyBounds.corollary2(3, 1, 0.05).bound(), r.bound(), 0.0);
        assertEquals(Verdict.CONFIRMED, r.verdict(), r.bestLoss() + " vs " + r.bound());
        assertEquals(120, r.minWeightAngle(), 1e-2);
    }

    @Test
    void cellsThatCannotBeComputedAreRefusedNamingTheCell() {
        Cell huge = sc(ScSimulation.balancedSizes(2, 50), 2, 40, 1.0, ScMode.EXACT, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepCell.check(huge));
        assertTrue(e.getMessage().startsWith("cell '" + huge.canonical() + "'") && e.getMessage().contains("2^63-1"), e.getMessage());
        Cell hot = sc(ScSimulation.balancedSizes(2, 2), 2, 3, 400, ScMode.EXACT, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepCell.check(hot)).getMessage().contains("rho^2 <= 350"));
        Cell sampled = sc(ScSimulation.balancedSizes(2, 50), 2, 10, 1.0, ScMode.SAMPLED, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepCell.check(sampled)).getMessage().contains("evaluated exactly"));
        assertTrue(SweepCell.check(sc(ScSimulation.balancedSizes(2, 2), 2, 3, 1, ScMode.EXACT, 1)) > 0);
    }
}
