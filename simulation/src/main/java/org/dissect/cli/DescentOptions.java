package org.dissect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dissect.descent.LossTrace;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Allocation;
import org.dissect.io.OutputPaths;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every {@code simulate} command shares (a picocli mixin), and how it reports a finished run. */
final class DescentOptions {
    @Option(names = "--classes", required = true, paramLabel = "K", description = "number of classes K >= 2")
    int classes;

    @Option(names = "--per-class", required = true, paramLabel = "n", description = "points per class n >= 1")
    int perClass;

    @Option(names = "--dim", required = true, paramLabel = "h",
        description = "dimension h >= 1 (K > h+1 is allowed: the bound is then not attainable)")
    int dim;

    @Option(names = "--tolerance", defaultValue = "1e-13", paramLabel = "TOL",
        description = "the monotone descent stops when the loss falls by less than TOL (relative) over 20 steps")
    double tolerance;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "s", description = "seed of the initialisation (and the batch stream)")
    long seed;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "E", converter = EngineConverter.class,
        completionCandidates = EngineConverter.class, description = "${COMPLETION-CANDIDATES}; auto: an OpenCL GPU or accelerator, "
        + "else OpenBLAS for large products (Java for small ones), and OpenCL on any device for the exact enumeration; "
        + "naive: the slow reference enumeration (exact mode only)")
    Engine engine;

    @Option(names = "--threads", paramLabel = "T",
        description = "threads of the Java and OpenBLAS engines (default: all processors); a seed and T reproduce a run")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR",
        description = "write configuration.csv (and weights.csv), trace.csv and manifest.json here")
    Path out;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    /**
     * Checks the sizes and the output folder before any work: K, n and h in range, N = K·n an int, and
     * {@code --out} writable. The descent's own settings then check every array length.
     *
     * @return N = K·n
     * @throws org.dissect.io.BadInputException naming the option at fault
     */
    int checkSizes() {
        Options.atLeast("--classes", classes, 2);
        Options.atLeast("--per-class", perClass, 1);
        Options.atLeast("--dim", dim, 1);
        int size = Options.product("--classes", classes, "--per-class", perClass);
        if (out != null) {
            OutputPaths.checkDirectory("--out", out);
        }
        return size;
    }

    /**
     * Refuses, before anything is allocated, a run whose arrays do not fit the heap still available.
     *
     * @param bytes the run's estimate (its settings' {@code bytesNeeded()})
     * @param more further options that size the run, e.g. {@code " --batch 256"}, or empty
     */
    void requireHeap(long bytes, String more) {
        Allocation.requireHeap("--classes " + classes + " --per-class " + perClass + " --dim " + dim + more, bytes);
    }

    /**
     * @return {@code --threads}, or every available processor
     * @throws org.dissect.io.BadInputException if {@code --threads} is below 1
     */
    int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : Options.threads(threads);
    }

    /**
     * Adds the fields every descent reports (attainability, the collapse diagnostics, the engine, how the run
     * ended), writes the output folder (with {@code --out}) and prints the result.
     *
     * @param spec the command
     * @param d the collapse diagnostics of the final configuration
     * @param ranOn where the run really ran
     * @param steps steps taken
     * @param stepsPerSecond steps over the time of the steps alone
     * @param converged whether the stopping rule ended the run
     * @param stopReason why it stopped
     * @param seconds wall time
     * @param command its name, recorded in the manifest
     * @param title the text output's first line
     * @param result the result fields, in order
     * @param learningRate the step used
     * @param maxSteps the step limit used
     * @param points final N·h points
     * @param labels N labels
     * @param weights final K·h weights, or null
     * @param trace the loss trace
     * @throws IOException if the folder cannot be written
     */
    void finish(CommandSpec spec, CollapseReport d, RanOn ranOn, int steps, double stepsPerSecond, boolean converged, String stopReason, double seconds,
                String command, String title, Map<String, Object> result, double learningRate, int maxSteps,
                double[] points, int[] labels, double[] weights, LossTrace trace) throws IOException {
        result.put("attainable", classes <= dim + 1);
        if (classes > dim + 1) {
            result.put("note", "K > h+1: no regular simplex exists in R^h, so the bound is not attainable");
        }
        result.put("simplexDeviation", d.simplexDeviation());
        result.put("withinClassSpread", d.withinClassSpread().max());
        result.put("engine", ranOn);
        result.put("threads", threads());
        result.put("steps", steps);
        result.put("stepsPerSecond", stepsPerSecond);
        result.put("converged", converged);
        result.put("stopReason", stopReason);
        result.put("seconds", seconds);
        result.put("diagnostics", d.toMap());
        if (out != null) {
            Map<String, Object> manifest = new LinkedHashMap<>(result);
            manifest.put("command", command);
            manifest.put("learningRate", learningRate);
            manifest.put("tolerance", tolerance);
            manifest.put("maxSteps", maxSteps);
            RunFolder.write(out, points, dim, labels, weights, trace, manifest);
        }
        Options.print(spec, json, title, result);
    }
}
