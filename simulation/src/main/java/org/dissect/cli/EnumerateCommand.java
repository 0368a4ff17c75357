package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.dissect.descent.Engines;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Allocation;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;
import org.dissect.enumeration.LossHistogram;
import org.dissect.enumeration.MultisetRanking;
import org.dissect.enumeration.TaskRunnerEnumeration;
import org.dissect.io.BadInputException;
import org.dissect.io.LabelledPoints;
import org.dissect.io.OutputPaths;
import org.dissect.parallel.TaskRunner;
import org.dissect.parallel.TaskRunners;
import org.dissect.theory.LabelConfiguration;
import org.dissect.theory.Multisets;
import org.dissect.theory.SupervisedContrastiveBound;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dissect enumerate}: the exact SC loss over every multiset batch of a labelled configuration. */
@Command(name = "enumerate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Exact SC loss of a labelled configuration over every multiset batch (all C(N+b-1, b) of them).",
        "Also the gradient dL/dZ, the batch losses by label configuration (Fig. 6, right), and, for balanced labels on "
            + "one sphere, the Theorem 2 mean bound and the gap. Progress goes to stderr for runs over a second."})
final class EnumerateCommand implements Callable<Integer> {
    /**
     * Aparapi logs to stderr through java.util.logging (e.g. "running on an untested OpenCL platform"); the
     * OpenCL engine reports what matters (a fallback to Java, with Aparapi's reason) in its result, so the
     * command keeps Aparapi's own messages off stderr unless DISSECT_DEBUG is set. Held here so that the
     * configured logger is not garbage-collected.
     */
    private static final java.util.logging.Logger APARAPI = java.util.logging.Logger.getLogger("com.aparapi");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.csv",
        description = "one point per row: integer label 0..K-1, then the coordinates; optional header row, # comments")
    Path config;

    @Option(names = "--batch", required = true, paramLabel = "b", description = "batch size b >= 2",
        showDefaultValue = Help.Visibility.NEVER)
    int batch;

    @Option(names = "--classes", paramLabel = "K", description = "number of classes K (default: largest label + 1)")
    Integer classes;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "E", converter = EngineConverter.class,
        completionCandidates = EngineConverter.class,
        description = "${COMPLETION-CANDIDATES} (not blas: the enumeration has no dense products); auto uses OpenCL when a device is present, naive is the slow reference")
    Engine engine;

    @Option(names = "--threads", paramLabel = "T", description = "threads of the java engine (default: the available processors)")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
        description = "run the java engine's lanes as Apache Spark tasks on this master: local[*], local[T], spark://host:7077 "
            + "(the same bits as --engine java; Spark must be on the class path: ./dissect adds it)")
    String spark;

    @Option(names = "--histogram", paramLabel = "FILE.csv",
        description = "write the batch losses by label configuration: batches and min/mean/max loss per configuration")
    Path histogram;

    @Option(names = "--gradient", paramLabel = "FILE.csv", description = "write dL/dZ, one row per point")
    Path gradient;

    @Option(names = "--no-progress", description = "never draw the progress bar")
    boolean noProgress;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        Options.atLeast("--batch", batch, 2);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Options.threads(threads);
        if (classes != null) {
            Options.atLeast("--classes", classes, 1);
        }
        if (spark != null && engine != Engine.AUTO && engine != Engine.JAVA) {
            throw new BadInputException("--spark runs the java engine's kernel: leave out --engine " + engine.label()
                + " or use --engine java");
        }
        if (spark != null && threads != null) {
            throw new BadInputException("--threads: not with --spark (the master sets the cores, e.g. --spark 'local[" + threads + "]')");
        }
        if (histogram != null) {
            OutputPaths.checkFile("--histogram", histogram);
        }
        if (gradient != null) {
            OutputPaths.checkFile("--gradient", gradient);
        }
        if (System.getenv("DISSECT_DEBUG") == null) {
            APARAPI.setUseParentHandlers(false);
        }
        LabelledPoints points = read(config, classes == null ? OptionalInt.empty() : OptionalInt.of(classes));
        if (MultisetRanking.exactCount(points.points().length, batch) < 0) {
            throw new BadInputException("--batch " + batch + ": " + config + " has N = " + points.points().length + " points, so |B| = C(N+b-1, b) ~ "
                + Allocation.scientific(Multisets.log10Count(points.points().length, batch), 10)
                + " batches, more than 2^63-1 can be enumerated; sample them with 'dissect simulate sc --mode sampled'");
        }
        Allocation.requireHeap("--batch " + batch + " on " + config + " (N=" + points.points().length + ", h="
            + points.points()[0].length + ", K=" + points.classes() + (gradient != null ? ", with --gradient" : "")
            + (histogram != null ? ", with --histogram" : "") + ")", EnumerationProblem.bytesNeeded(points.points().length,
            points.points()[0].length, points.classes(), batch, gradient != null, histogram != null));
        EnumerationProblem problem = new EnumerationProblem(points.points(), points.labels(), points.classes(), batch);
        Optional<SupervisedContrastiveBound> theorem2 = problem.theorem2();
        // a batch far larger than N makes the bound's sums long: then it is left out, with the reason
        Optional<SupervisedContrastiveBound> bound = theorem2.filter(b -> b.meanBoundTerms() <= Options.MAX_MEAN_BOUND_TERMS
            && b.batch() * (double) b.batchCountDigits() <= BoundScCommand.EXACT_WORK_LIMIT);
        String note = bound.isPresent() ? null : theorem2.isPresent()
            ? "its sums over b = " + batch + " class counts would take minutes (see 'dissect bound sc')" : boundNote(problem);
        if (histogram != null) {
            LossHistogram.requireSupported(problem.classes(), problem.batch());
        }
        EnumerationResult r;
        PrintWriter err = spec.commandLine().getErr();
        try (TaskRunner runner = spark == null ? null : TaskRunners.create(spark, 1);
             Enumeration e = runner == null ? Engines.enumeration(engine, workers) : new TaskRunnerEnumeration(runner);
             ProgressReporter progress = new ProgressReporter("enumerate", problem.batchCount(), err, !noProgress)) {
            r = e.enumerate(problem, new EnumerationRequest(gradient != null, histogram != null, progress.listener()));
        }
        if (histogram != null) {
            writeHistogram(histogram, r.histogram(), bound);
        }
        if (gradient != null) {
            writeGradient(gradient, r.gradient());
        }
        print(problem, bound, note, r);
        return 0;
    }

    private void print(EnumerationProblem problem, Optional<SupervisedContrastiveBound> bound, String note, EnumerationResult r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("file", config.toString()).put("points", problem.size()).put("classes", problem.classes())
                .put("dimension", problem.dimension()).put("batch", problem.batch())
                .put("batchCount", Long.toString(r.batchCount())).put("totalLoss", r.totalLoss()).put("meanLoss", r.meanLoss());
            bound.ifPresent(b -> o.put("rho2", b.rho2()).put("meanBound", b.meanBound()).put("gap", r.meanLoss() - b.meanBound())
                .put("totalBound", b.totalBound().toString()));
            if (note != null) {
                o.put("boundNote", note);
            }
            o.putPOJO("engine", r.engine()).put("threads", r.threads()).put("lanes", r.lanes())
                .put("seconds", r.seconds()).put("batchesPerSecond", r.batchesPerSecond());
            if (histogram != null) {
                o.put("histogram", histogram.toString()).put("configurations", r.histogram().groups().size());
            }
            if (gradient != null) {
                o.put("gradient", gradient.toString());
            }
            Json.print(out, o);
            return;
        }
        out.printf("Exact SC loss over all multiset batches: %s (N=%d, K=%d, h=%d), b=%d%n", config, problem.size(),
            problem.classes(), problem.dimension(), problem.batch());
        out.printf("  batches |B| = C(N+b-1, b)   %d%n", r.batchCount());
        out.printf("  total loss L_SC             %.15g%n", r.totalLoss());
        out.printf("  mean batch loss L_SC/|B|    %.15g%n", r.meanLoss());
        if (bound.isPresent()) {
            double mean = bound.get().meanBound();
            out.printf("  Theorem 2 mean bound        %.15g   (balanced, rho^2 = %s)%n", mean, bound.get().rho2());
            out.printf("  gap (mean - bound)          %.3e%n", r.meanLoss() - mean);
        } else {
            out.printf("  Theorem 2 bound             not applicable: %s%n", note);
        }
        out.printf("  engine                      %s%n", r.engine());
        out.printf("  time                        %.3f s, %.4g batches/s%n", r.seconds(), r.batchesPerSecond());
        if (histogram != null) {
            out.printf("  histogram                   %d label configurations -> %s%n", r.histogram().groups().size(), histogram);
        }
        if (gradient != null) {
            out.printf("  gradient dL/dZ              -> %s%n", gradient);
        }
        out.flush();
    }

    private static String boundNote(EnumerationProblem problem) {
        if (problem.classes() < 2) {
            return "it needs K >= 2 classes";
        }
        int[] sizes = problem.classSizes();
        for (int y = 1; y < sizes.length; y++) {
            if (sizes[y] != sizes[0]) {
                return "labels are unbalanced (class 0 has " + sizes[0] + " points, class " + y + " has " + sizes[y] + ")";
            }
        }
        if (sizes[0] == 0) {
            return "classes are empty";
        }
        return "the points do not share one norm (relative spread of |z|^2 above "
            + EnumerationProblem.COMMON_NORM_TOLERANCE + ")";
    }

    private static LabelledPoints read(Path file, OptionalInt classes) {
        try {
            return LabelledPoints.read(file, classes);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void writeHistogram(Path file, LossHistogram histogram, Optional<SupervisedContrastiveBound> bound) {
        Map<String, Double> atSimplex = new HashMap<>();
        if (bound.isPresent()) {
            List<LabelConfiguration> levels = LabelConfiguration.enumerate(bound.get(), Integer.MAX_VALUE - 1);
            for (LabelConfiguration c : levels) {
                atSimplex.put(c.label(), c.lossAtSimplex());
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int k = histogram.groups().isEmpty() ? 0 : histogram.groups().get(0).counts().length;
            StringBuilder s = new StringBuilder("configuration");
            for (int y = 1; y <= k; y++) {
                s.append(",l").append(y);
            }
            w.write(s.append(",batches,minLoss,meanLoss,maxLoss,lossAtSimplex\n").toString());
            for (LossHistogram.Group g : histogram.groups()) {
                s.setLength(0);
                s.append('"').append(g.label()).append('"');
                for (int c : g.counts()) {
                    s.append(',').append(c);
                }
                s.append(',').append(g.batches()).append(',').append(g.minLoss()).append(',').append(g.meanLoss())
                    .append(',').append(g.maxLoss()).append(',');
                Double level = atSimplex.get(g.label());
                if (level != null) {
                    s.append(level.doubleValue());
                }
                w.write(s.append('\n').toString());
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage());
        }
    }

    private static void writeGradient(Path file, double[][] g) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder s = new StringBuilder("point");
            for (int d = 1; d <= g[0].length; d++) {
                s.append(",dL/dx").append(d);
            }
            w.write(s.append('\n').toString());
            for (int i = 0; i < g.length; i++) {
                s.setLength(0);
                s.append(i);
                for (double x : g[i]) {
                    s.append(',').append(x);
                }
                w.write(s.append('\n').toString());
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage());
        }
    }
}
