package org.dissect.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.dissect.descent.CeGradient;
import org.dissect.descent.CeSimulation;
import org.dissect.descent.Engines;
import org.dissect.descent.Points;
import org.dissect.diagnostics.CollapseDiagnostics;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.theory.Checks;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import org.dissect.theory.Vectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect simulate ce}: CE + λ‖W‖² descent over W and the points in the ball (or CE-fix). */
@Command(name = "ce", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Minimise L_CE(Z, W; Y) + lambda ||W||_F^2 over the weights W and N = K*n free points with ||z|| <= rho,",
        "from a seeded uniform start in the ball; with --fixed-weights (CE-fix) W is the regular simplex scaled to r_W",
        "and only the points move. Reports the Corollary 2 bound and the collapse diagnostics."})
final class SimulateCeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DescentOptions run;

    @Option(names = "--rho", required = true, paramLabel = "R", description = "feature norm bound rho > 0")
    double rho;

    @Option(names = "--lambda", required = true, paramLabel = "L", description = "L2 penalty lambda > 0")
    double lambda;

    @Option(names = "--fixed-weights", description = "CE-fix: W fixed to the regular simplex scaled to r_W(rho, lambda)")
    boolean fixedWeights;

    @Option(names = "--steps", defaultValue = "20000", paramLabel = "S", description = "largest number of steps")
    int steps;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "eta", description = "first trial step (monotone line search)")
    double lr;

    @Override
    public Integer call() throws IOException {
        Checks.positive("--rho", rho);
        Checks.positive("--lambda", lambda);
        run.checkSizes();
        PenalizedBound bound = CrossEntropyBounds.corollary2(run.classes, rho, lambda);
        CeSimulation.Settings s = new CeSimulation.Settings(run.classes, run.perClass, run.dim, rho, lambda, fixedWeights, steps, lr, run.tolerance,
            run.seed);
        run.requireHeap(s.bytesNeeded(), "");
        CeSimulation.Result r;
        try (ProgressReporter progress = new ProgressReporter("simulate ce", steps, spec.commandLine().getErr(), true)) {
            LongConsumer done = progress.listener();
            try (CeGradient ceEngine = Engines.crossEntropy(run.engine, run.threads(), s.size(), run.classes, run.dim)) {
                r = CeSimulation.run(s, ceEngine, (step, v, x) -> done.accept(step == 0 ? 0 : 1));
            }
        }
        double[][] w = Points.rows(r.weights(), run.dim);
        double meanNorm = 0;
        for (double[] row : w) {
            meanNorm += Vectors.norm(row) / w.length;
        }
        CollapseReport d = CollapseDiagnostics.of(Points.rows(r.points(), run.dim), r.labels(), run.classes).withRadius(rho)
            .withWeights(w).withLambda(lambda).compute();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("classes", run.classes);
        o.put("perClass", run.perClass);
        o.put("dim", run.dim);
        o.put("rho", rho);
        o.put("lambda", lambda);
        o.put("fixedWeights", fixedWeights);
        o.put("seed", run.seed);
        o.put("finalLoss", r.loss());
        o.put("ce", r.crossEntropy());
        o.put("penalty", r.penalty());
        o.put("bound", bound.bound());
        o.put("gap", r.loss() - bound.bound());
        o.put("rW", bound.rW());
        o.put("meanWeightNorm", meanNorm);
        run.finish(spec, d, r.engine(), r.steps(), r.stepsPerSecond(), r.converged(), r.stopReason(), r.seconds(), "simulate ce", "CE + lambda ||W||^2 descent" + (fixedWeights ? " (CE-fix)" : ""), o, lr, steps,
            r.points(), r.labels(), r.weights(), r.trace());
        return 0;
    }
}
