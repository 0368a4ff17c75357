package org.dissect.sweep;

import java.util.Locale;
import org.dissect.descent.CeGradient;
import org.dissect.descent.CeSimulation;
import org.dissect.descent.EnumeratedScLoss;
import org.dissect.descent.Engines;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;
import org.dissect.descent.StepListener;
import org.dissect.diagnostics.CollapseDiagnostics;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.diagnostics.Gamma;
import org.dissect.diagnostics.Summary;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Allocation;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.MultisetRanking;
import org.dissect.parallel.TaskFunction;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.Multisets;
import org.dissect.theory.SupervisedContrastiveBound;
import org.dissect.theory.Vectors;

/**
 * The computation of one sweep cell: R seeded descents ({@link ScSimulation}, {@link CeSimulation}) on the Java
 * engines with one thread each (parallelism comes from running cells side by side), the bound that applies, and the
 * geometry of the best start. A pure function of the {@link Cell}: the same cell gives the same bits on any thread or
 * runner of the same JVM build and CPU architecture (Java's arithmetic is strict IEEE since Java 17; {@code Math.exp}
 * and {@code Math.log} may differ by an ulp between JVM implementations).
 *
 * <p>The bound: SC exact and sampled, balanced: Theorem 2's mean bound ({@code L_SC/|𝔅|}); SC full, balanced: the
 * loss of the one batch of all N points at the simplex, {@code K·n·log(n-1 + (N-n)·e^{-Kρ²/(K-1)})}; CE, balanced:
 * Corollary 2. These hold (are lower bounds) for every h, but are attained only where {@code K ≤ h+1}. Imbalanced
 * cells have none: the theorems assume balance.
 */
public final class SweepCell {
    /** The cell function, for a {@link org.dissect.parallel.TaskRunner}: serialisable, it captures nothing. */
    public static final TaskFunction<Cell, CellResult> FUNCTION = SweepCell::run;

    /**
     * Batch spaces a sampled cell's final loss is enumerated over at most: the verdict needs the exact loss (a sample
     * mean can fall below the bound by chance), and beyond this many batches one evaluation takes minutes.
     */
    public static final long SAMPLED_EVALUATION_LIMIT = 100_000_000L;

    private SweepCell() {
    }

    /**
     * Checks that a cell can be computed, before any cell runs: sizes within the arrays' range, the exact batch space
     * within {@code 2^63-1} (exact mode) or {@link #SAMPLED_EVALUATION_LIMIT} (sampled mode's exact final loss), ρ²
     * within the enumeration's range, the Theorem 2 sum affordable.
     *
     * @param cell the cell
     * @return the bytes one run of the cell needs (the caller multiplies by the cells that run at once)
     * @throws IllegalArgumentException naming the cell ({@link Cell#canonical()}) if it cannot be computed
     */
    public static long check(Cell cell) {
        try {
            if (cell.loss() == Loss.CE) {
                return ceSettings(cell, 0).bytesNeeded();
            }
            ScSimulation.Settings s = scSettings(cell, 0);
            int n = cell.size();
            int b = cell.effectiveBatch();
            long bytes = s.bytesNeeded();
            if (cell.mode() != ScMode.FULL) {
                long count = MultisetRanking.exactCount(n, b);
                if (count < 0 || cell.mode() == ScMode.SAMPLED && count > SAMPLED_EVALUATION_LIMIT) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s mode enumerates |B| ~ %s batches (N=%d, b=%d), "
                        + "more than %s", cell.modeText(), Allocation.scientific(Multisets.log10Count(n, b), 3), n, b,
                        cell.mode() == ScMode.EXACT ? "2^63-1" : SAMPLED_EVALUATION_LIMIT + " (its final loss is evaluated exactly)"));
                }
                if (2 * cell.rho2() > EnumerationProblem.MAX_ROW_SPAN) {
                    throw new IllegalArgumentException("the exact enumeration needs rho^2 <= " + EnumerationProblem.MAX_ROW_SPAN / 2
                        + ", got " + cell.rho2());
                }
                if (cell.mode() == ScMode.SAMPLED) {
                    bytes += EnumerationProblem.bytesNeeded(n, cell.dim(), cell.classes(), b, false, false);
                }
            }
            if (cell.balanced() && new SupervisedContrastiveBound(cell.classes(), cell.classSizes()[0], b, cell.rho2())
                    .meanBoundTerms() > 1e8) {
                throw new IllegalArgumentException("the Theorem 2 mean bound would sum more than 1e8 terms");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cell '" + cell.canonical() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Runs the cell's R descents.
     *
     * @param cell the cell ({@link #check} it first)
     * @return the result
     */
    public static CellResult run(Cell cell) {
        long t0 = System.nanoTime();
        Runs runs = cell.loss() == Loss.CE ? ce(cell) : sc(cell);
        double[] losses = runs.losses;
        int best = 0;
        for (int r = 1; r < losses.length; r++) {
            if (losses[r] < losses[best]) {
                best = r;
            }
        }
        double bound = bound(cell);
        int reachedBest = 0;
        int reachedBound = 0;
        for (double l : losses) {
            reachedBest += l <= losses[best] + Verdict.reachAbsolute(cell, losses[best]) ? 1 : 0;
            reachedBound += !Double.isNaN(bound) && l <= bound + Verdict.reachAbsolute(cell, bound) ? 1 : 0;
        }
        double[] points = runs.points[best];
        double[] weights = runs.weights == null ? null : runs.weights[best];
        int k = cell.classes();
        int[] labels = ScSimulation.labels(cell.classSizes());
        double[][] rows = Points.rows(points, cell.dim());
        double rho = Math.sqrt(cell.rho2());
        CollapseReport d = CollapseDiagnostics.of(rows, labels, k).withRadius(rho).compute();
        double[][] means = Vectors.classMeans(rows, labels, k);
        double[] gram = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                gram[i * k + j] = Vectors.dot(means[i], means[j]) / cell.rho2();
            }
        }
        Summary meanGamma = Gamma.acrossPairs(means);
        Summary weightGamma = weights == null ? null : Gamma.acrossPairs(Points.rows(weights, cell.dim()));
        return new CellResult(cell, losses, bound, boundSource(cell), reachedBest, reachedBound, runs.converged, runs.steps, best,
            gram, d.simplexDeviation(), d.withinClassSpread().max(), angle(meanGamma.max()), angle(meanGamma.min()),
            weightGamma == null ? Double.NaN : angle(weightGamma.max()), weightGamma == null ? Double.NaN : angle(weightGamma.min()),
            points, weights, (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * @param cell the cell
     * @return the bound that applies to its loss (see the class comment), NaN for imbalanced cells
     */
    public static double bound(Cell cell) {
        if (!cell.balanced()) {
            return Double.NaN;
        }
        int k = cell.classes();
        int n = cell.classSizes()[0];
        if (cell.loss() == Loss.CE) {
            return CrossEntropyBounds.corollary2(k, Math.sqrt(cell.rho2()), cell.lambda()).bound();
        }
        SupervisedContrastiveBound b = new SupervisedContrastiveBound(k, n, cell.effectiveBatch(), cell.rho2());
        return cell.mode() == ScMode.FULL ? k * b.classLevel(n) : b.meanBound();
    }

    /**
     * @param cell the cell
     * @return what {@link #bound} is, or empty where none applies
     */
    public static String boundSource(Cell cell) {
        if (!cell.balanced()) {
            return "";
        }
        if (cell.loss() == Loss.CE) {
            return "Corollary 2";
        }
        return cell.mode() == ScMode.FULL ? "full batch at the simplex" : "Theorem 2 mean bound";
    }

    /** γ of Eq. 7 back to the angle, {@code 180·(1 - γ)} degrees. */
    private static double angle(double gamma) {
        return 180 * (1 - gamma);
    }

    /** The R runs' final losses and configurations. */
    private record Runs(double[] losses, double[][] points, double[][] weights, int converged, long steps) {
    }

    private static ScSimulation.Settings scSettings(Cell cell, long seed) {
        return new ScSimulation.Settings(cell.classSizes(), cell.dim(), cell.batch(), cell.rho2(), cell.mode(), cell.steps(),
            cell.learningRate(), cell.tolerance(), seed);
    }

    private static CeSimulation.Settings ceSettings(Cell cell, long seed) {
        return new CeSimulation.Settings(cell.classSizes(), cell.dim(), Math.sqrt(cell.rho2()), cell.lambda(), false, cell.steps(),
            cell.learningRate(), cell.tolerance(), seed);
    }

    private static Runs sc(Cell cell) {
        int r = cell.restarts();
        double[] losses = new double[r];
        double[][] points = new double[r][];
        int converged = 0;
        long steps = 0;
        int[] labels = ScSimulation.labels(cell.classSizes());
        ScMode mode = cell.mode();
        try (ScBatchGradient batch = mode == ScMode.EXACT ? null : Engines.scBatch(Engine.JAVA, 1, cell.effectiveBatch(), cell.dim());
             Enumeration enumeration = mode == ScMode.FULL ? null : Engines.enumeration(Engine.JAVA, 1)) {
            EnumeratedScLoss exact = enumeration == null ? null
                : new EnumeratedScLoss(enumeration, labels, cell.classes(), cell.batch(), cell.dim());
            for (int i = 0; i < r; i++) {
                ScSimulation.Settings s = scSettings(cell, cell.restartSeed(i));
                ScSimulation.Result run = ScSimulation.run(s, ScSimulation.initialPoints(s), batch, mode == ScMode.EXACT ? exact : null,
                    StepListener.NONE);
                losses[i] = mode == ScMode.SAMPLED ? exact.meanLossAndGradient(run.points(), null) : run.trace().last();
                points[i] = run.points();
                converged += run.converged() ? 1 : 0;
                steps += run.steps();
            }
        }
        return new Runs(losses, points, null, converged, steps);
    }

    private static Runs ce(Cell cell) {
        int r = cell.restarts();
        double[] losses = new double[r];
        double[][] points = new double[r][];
        double[][] weights = new double[r][];
        int converged = 0;
        long steps = 0;
        try (CeGradient engine = Engines.crossEntropy(Engine.JAVA, 1, cell.size(), cell.classes(), cell.dim())) {
            for (int i = 0; i < r; i++) {
                CeSimulation.Result run = CeSimulation.run(ceSettings(cell, cell.restartSeed(i)), engine, StepListener.NONE);
                losses[i] = run.loss();
                points[i] = run.points();
                weights[i] = run.weights();
                converged += run.converged() ? 1 : 0;
                steps += run.steps();
            }
        }
        return new Runs(losses, points, weights, converged, steps);
    }
}
