package org.dissect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import org.dissect.descent.CeSimulation;
import org.dissect.descent.DescentEngines;
import org.dissect.descent.Points;
import org.dissect.diagnostics.CollapseDiagnostics;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import org.dissect.theory.Vectors;
import org.dissect.enumeration.Engine;
import picocli.CommandLine.Command;
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

    @Option(names = "--classes", required = true, paramLabel = "K", description = "number of classes K >= 2")
    int classes;

    @Option(names = "--per-class", required = true, paramLabel = "n", description = "points per class n >= 1")
    int perClass;

    @Option(names = "--dim", required = true, paramLabel = "h", description = "dimension h >= 1")
    int dim;

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

    @Option(names = "--tolerance", defaultValue = "1e-13", paramLabel = "TOL",
        description = "stop when the loss falls by less than TOL (relative) over 20 steps")
    double tolerance;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "s", description = "seed of the initialisation")
    long seed;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "E", converter = EngineConverter.class,
        completionCandidates = EngineConverter.class, description = "auto (OpenCL when a device is present), java, opencl; "
        + "naive: the slow reference enumeration")
    Engine engine;

    @Option(names = "--out", paramLabel = "DIR", description = "write configuration.csv, weights.csv, trace.csv and manifest.json here")
    Path out;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CeSimulation.Settings s = new CeSimulation.Settings(classes, perClass, dim, rho, lambda, fixedWeights, steps, lr, tolerance,
            seed);
        CeSimulation.Result r;
        try (ProgressReporter progress = new ProgressReporter("simulate ce", steps, spec.commandLine().getErr(), true)) {
            LongConsumer done = progress.listener();
            r = CeSimulation.run(s, DescentEngines.crossEntropy(engine), (step, v, x) -> done.accept(step == 0 ? 0 : 1));
        }
        PenalizedBound bound = CrossEntropyBounds.corollary2(classes, rho, lambda);
        double[][] w = Points.rows(r.weights(), dim);
        double meanNorm = 0;
        for (double[] row : w) {
            meanNorm += Vectors.norm(row) / w.length;
        }
        CollapseReport d = CollapseDiagnostics.of(Points.rows(r.points(), dim), r.labels(), classes).withRadius(rho)
            .withWeights(w).withLambda(lambda).compute();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("classes", classes);
        o.put("perClass", perClass);
        o.put("dim", dim);
        o.put("rho", rho);
        o.put("lambda", lambda);
        o.put("fixedWeights", fixedWeights);
        o.put("seed", seed);
        o.put("finalLoss", r.loss());
        o.put("ce", r.crossEntropy());
        o.put("penalty", r.penalty());
        o.put("bound", bound.bound());
        o.put("gap", r.loss() - bound.bound());
        o.put("rW", bound.rW());
        o.put("meanWeightNorm", meanNorm);
        o.put("attainable", classes <= dim + 1);
        if (classes > dim + 1) {
            o.put("note", "K > h+1: no regular simplex exists in R^h, so the bound is not attainable");
        }
        o.put("simplexDeviation", d.simplexDeviation());
        o.put("withinClassSpread", d.withinClassSpread().max());
        o.put("engine", r.engine());
        o.put("steps", r.steps());
        o.put("converged", r.converged());
        o.put("stopReason", r.stopReason());
        o.put("seconds", r.seconds());
        o.put("diagnostics", d.toMap());
        if (out != null) {
            Map<String, Object> manifest = new LinkedHashMap<>(o);
            manifest.put("command", "simulate ce");
            manifest.put("learningRate", lr);
            manifest.put("tolerance", tolerance);
            manifest.put("maxSteps", steps);
            RunFolder.write(out, r.points(), dim, r.labels(), r.weights(), r.trace(), manifest);
        }
        Options.print(spec, json, "CE + lambda ||W||^2 descent" + (fixedWeights ? " (CE-fix)" : ""), o);
        return 0;
    }
}
