package org.dissect.sweep;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The outcome of one cell's R descents ({@link SweepCell#run}): a value of primitives and arrays,
 * {@link Serializable} so that it can come back from a Spark executor. Losses are the objective the cell descends:
 * SC exact and sampled the mean batch loss {@code L_SC/|𝔅|} (exact, by enumeration), SC full the loss of the one
 * batch holding every point, CE {@code L_CE + λ‖W‖_F²}. The geometry is that of the best start's final configuration;
 * the class means' Gram matrix and angles are those of {@code μ_y}, the mean of class y.
 *
 * @param cell the cell
 * @param losses the R final losses, in restart order
 * @param bound the bound that applies (Theorem 2's mean bound, the full batch's simplex level, Corollary 2), NaN if none
 * @param boundSource what the bound is, or empty
 * @param reachedBest the starts within {@link Verdict#reachAbsolute} of the best loss (the best included)
 * @param reachedBound the starts within {@link Verdict#reachAbsolute} of the bound (0 where there is none)
 * @param converged the starts whose stopping rule ended the descent (sampled mode: none, SGD runs all its steps)
 * @param steps the steps of all R descents together
 * @param bestRestart the index of the best start (the first of equal ones)
 * @param classMeanGram the K×K matrix {@code <μ_y, μ_y'>/ρ²}, row-major
 * @param simplexDeviation {@code max |<μ_y, μ_y'> - G*_{yy'}|/ρ²} against the regular simplex's Gram
 * @param withinClassSpread {@code max_n ‖z_n - μ_{y_n}‖/ρ}
 * @param minAngle the smallest angle between two class means, degrees
 * @param maxAngle the largest angle between two class means, degrees
 * @param minWeightAngle CE: the smallest angle between two class weights, degrees (NaN for SC)
 * @param maxWeightAngle CE: the largest angle between two class weights, degrees (NaN for SC)
 * @param bestPoints the best start's final N·h points (labels contiguous, {@code ScSimulation.labels})
 * @param bestWeights CE: the best start's K·h weights; null for SC
 * @param seconds the wall time of the cell (not part of the deterministic output)
 */
public record CellResult(Cell cell, double[] losses, double bound, String boundSource, int reachedBest, int reachedBound,
                         int converged, long steps, int bestRestart, double[] classMeanGram, double simplexDeviation,
                         double withinClassSpread, double minAngle, double maxAngle, double minWeightAngle, double maxWeightAngle,
                         double[] bestPoints, double[] bestWeights, double seconds) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return the smallest final loss */
    public double bestLoss() {
        return losses[bestRestart];
    }

    /** @return the largest final loss */
    public double worstLoss() {
        double w = losses[0];
        for (double l : losses) {
            w = Math.max(w, l);
        }
        return w;
    }

    /** @return the median final loss (the mean of the middle two for even R) */
    public double medianLoss() {
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** @return best loss minus bound, NaN where no bound applies */
    public double gap() {
        return bestLoss() - bound;
    }

    /** @return the verdict on the best loss */
    public Verdict verdict() {
        return Verdict.of(cell, bestLoss(), bound);
    }
}
