package org.dissect.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.dissect.enumeration.Allocation;
import org.dissect.descent.EnumeratedScLoss;
import org.dissect.descent.Engines;
import org.dissect.descent.MultisetSampler;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;
import org.dissect.diagnostics.CollapseDiagnostics;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.engine.Engine;
import org.dissect.engine.Precision;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.MultisetRanking;
import org.dissect.io.BadInputException;
import org.dissect.theory.Multisets;
import org.dissect.theory.SupervisedContrastiveBound;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect simulate sc}: SC descent on the sphere, in exact, sampled or full-batch mode. */
@Command(name = "sc", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Minimise the SC loss over N = K*n free points on the sphere of radius rho, from a seeded uniform start.",
        "exact: the mean over all C(N+b-1, b) multiset batches (the Theorem 2 objective, by enumeration);",
        "sampled: SGD on uniformly drawn multiset batches (as the paper); full: one batch holding every point (Fig. 1)."})
final class SimulateScCommand implements Callable<Integer> {
    /** Largest batch space evaluated exactly after a sampled run; beyond it the final loss is a sample mean. */
    static final long EXACT_EVALUATION_LIMIT = 20_000_000L;
    /** Batches in the sample mean of a final loss that cannot be enumerated. */
    static final int FINAL_SAMPLE = 200;

    @Spec
    CommandSpec spec;

    @Mixin
    DescentOptions run;

    @Option(names = "--batch", paramLabel = "b", description = "batch size b >= 2 (exact and sampled modes; full mode uses b = N)")
    Integer batch;

    @ArgGroup(exclusive = true, multiplicity = "1")
    RadiusOptions radius;

    @Option(names = "--mode", defaultValue = "exact", paramLabel = "M", description = "exact, sampled or full")
    String mode;

    @Option(names = "--steps", paramLabel = "S", description = "largest number of steps (default: exact 2000, full 5000, sampled 20000)")
    Integer steps;

    @Option(names = "--lr", paramLabel = "eta", description = "first trial step (exact, full: default 0.1; monotone line search) "
        + "or SGD step on the per-anchor loss (sampled: default 1.0, decaying as eta/(1+1000t/S))")
    Double lr;

    @Option(names = "--precision", defaultValue = "double", paramLabel = "P",
        description = "double, or float: single-precision products in the blas engine (sampled and full modes; the softmax, "
            + "the loss and the update stay in double)")
    String precision;

    @Override
    public Integer call() throws IOException {
        ScMode m = Options.mode(mode);
        Precision p = precision(precision);
        if (p == Precision.FLOAT && m == ScMode.EXACT) {
            throw new BadInputException("--precision float applies to the sampled and full modes, not to exact mode");
        }
        if (m != ScMode.FULL && batch == null) {
            throw new BadInputException("--batch is required in " + mode + " mode");
        }
        if (m != ScMode.FULL) {
            Options.atLeast("--batch", batch, 2);
        }
        int size = run.checkSizes();
        int b = m == ScMode.FULL ? size : batch;
        int defaultSteps = switch (m) {
            case EXACT -> 2000;
            case FULL -> 5000;
            case SAMPLED -> 20000;
        };
        double defaultLr = m == ScMode.SAMPLED ? 1.0 : 0.1;
        ScSimulation.Settings s = new ScSimulation.Settings(run.classes, run.perClass, run.dim, b, radius.rho2(), m,
            steps == null ? defaultSteps : steps, lr == null ? defaultLr : lr, run.tolerance, run.seed);
        int workers = run.threads();
        // exact long arithmetic in O(min(b, N)) steps, -1 beyond 2^63-1: never a count that takes minutes
        long batchCount = m == ScMode.FULL ? 1 : MultisetRanking.exactCount(size, b);
        if (m == ScMode.EXACT && batchCount < 0) {
            throw new BadInputException("--mode exact would enumerate |B| ~ " + Allocation.scientific(Multisets.log10Count(size, b), 10)
                + " batches, more than 2^63-1; use --mode sampled");
        }
        // points on the sphere of radius rho have inner products spanning up to 2 rho^2: beyond the exact engine's range
        boolean enumerable = 2 * s.rho2() <= EnumerationProblem.MAX_ROW_SPAN;
        if (m == ScMode.EXACT && !enumerable) {
            throw new BadInputException("--mode exact needs rho^2 <= " + EnumerationProblem.MAX_ROW_SPAN / 2 + " (got " + s.rho2()
                + "): beyond it exp(<z_i, z_k>) ratios leave the double range; use --mode sampled");
        }
        boolean evaluateExactly = m == ScMode.EXACT
            || m == ScMode.SAMPLED && enumerable && batchCount >= 0 && batchCount <= EXACT_EVALUATION_LIMIT;
        run.requireHeap(s.bytesNeeded(), m == ScMode.FULL ? " --mode full" : " --batch " + b);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(run.classes, run.perClass, b, s.rho2());
        double meanBound = m == ScMode.FULL ? run.classes * bound.classLevel(run.perClass) : Options.meanBound(bound);
        ScSimulation.Result r;
        double finalMeanLoss;
        String lossSource;
        try (ScBatchGradient batchEngine = m == ScMode.EXACT ? null : Engines.scBatch(run.engine, workers, b, run.dim, p);
             Enumeration enumeration = evaluateExactly ? Engines.enumeration(enumerationChoice(m), workers) : null;
             ProgressReporter progress = new ProgressReporter("simulate sc " + mode, s.steps(), spec.commandLine().getErr(), true)) {
            LongConsumer done = progress.listener();
            EnumeratedScLoss exact = enumeration == null ? null
                : new EnumeratedScLoss(enumeration, ScSimulation.balancedLabels(run.classes, run.perClass), run.classes, b, run.dim);
            r = ScSimulation.run(s, ScSimulation.initialPoints(s), batchEngine, m == ScMode.EXACT ? exact : null,
                (step, v, x) -> done.accept(step == 0 ? 0 : 1));
            switch (m) {
                case FULL -> {
                    finalMeanLoss = r.trace().last();
                    lossSource = "the one batch holding all N points";
                }
                case EXACT -> {
                    finalMeanLoss = r.trace().last();
                    lossSource = "exact mean over all " + batchCount + " batches";
                }
                default -> {
                    if (exact != null) {
                        finalMeanLoss = exact.meanLossAndGradient(r.points(), null);
                        lossSource = "exact mean over all " + batchCount + " batches";
                    } else {
                        finalMeanLoss = sampleMean(s, r, batchEngine);
                        lossSource = "mean over a sample of " + FINAL_SAMPLE + " uniformly drawn batches (seed " + (run.seed + 2) + ")";
                    }
                }
            }
        }
        CollapseReport d = CollapseDiagnostics.of(Points.rows(r.points(), run.dim), r.labels(), run.classes).withRadius(s.rho()).compute();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("classes", run.classes);
        o.put("perClass", run.perClass);
        o.put("dim", run.dim);
        o.put("batch", b);
        o.put("rho2", s.rho2());
        o.put("mode", mode);
        o.put("precision", p.label());
        o.put("seed", run.seed);
        o.put("finalMeanLoss", finalMeanLoss);
        o.put("finalMeanLossSource", lossSource);
        o.put("finalLossPerAnchor", finalMeanLoss / b);
        o.put("meanBound", meanBound);
        o.put("meanBoundSource", m == ScMode.FULL ? "the balanced full batch at the simplex: K*n*log(n-1+(N-n)e^(-K rho^2/(K-1)))"
            : "Theorem 2");
        o.put("gap", finalMeanLoss - meanBound);
        run.finish(spec, d, r.engine(), r.steps(), r.stepsPerSecond(), r.converged(), r.stopReason(), r.seconds(), "simulate sc", "SC descent (" + mode + " mode)", o, s.learningRate(), s.steps(), r.points(), r.labels(),
            null, r.trace());
        return 0;
    }

    /**
     * The enumeration's engine: the choice itself in exact mode (where the enumeration is the descent's engine); in
     * sampled mode, where it only evaluates the final loss, {@code auto} unless the choice is an enumeration engine.
     */
    private Engine enumerationChoice(ScMode m) {
        return m == ScMode.EXACT || run.engine != Engine.BLAS ? run.engine : Engine.AUTO;
    }

    private static Precision precision(String name) {
        for (Precision p : Precision.values()) {
            if (p.label().equals(name.toLowerCase(java.util.Locale.ROOT))) {
                return p;
            }
        }
        throw new BadInputException("unknown precision '" + name + "': expected double or float");
    }

    private static double sampleMean(ScSimulation.Settings s, ScSimulation.Result r, ScBatchGradient engine) {
        MultisetSampler sampler = new MultisetSampler(s.size(), s.batch(), ScSimulation.stream(s.seed() + 2));
        int[] batch = new int[s.batch()];
        double sum = 0;
        for (int t = 0; t < FINAL_SAMPLE; t++) {
            sum += engine.lossAndGradient(r.points(), s.dim(), r.labels(), sampler.next(batch), null);
        }
        return sum / FINAL_SAMPLE;
    }
}
