package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dissect.descent.ScSimulation;
import org.dissect.enumeration.Allocation;
import org.dissect.io.BadInputException;
import org.dissect.parallel.TaskRunner;
import org.dissect.parallel.TaskRunners;
import org.dissect.report.OutputFolder;
import org.dissect.sweep.Cell;
import org.dissect.sweep.CellResult;
import org.dissect.sweep.Loss;
import org.dissect.sweep.SweepCell;
import org.dissect.sweep.SweepGrid;
import org.dissect.sweep.SweepTable;
import org.dissect.sweep.Verdict;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code sweep sc} and {@code sweep ce} do once their grid is parsed: check every cell, run them on the chosen
 * {@link TaskRunner}, print the table (or one JSON object) and write the output folder.
 */
final class SweepRun {
    /** Cells beyond this many are summarised, not listed, in the text output. */
    static final int TEXT_ROWS = 40;

    private SweepRun() {
    }

    /**
     * @param spec the command
     * @param o its options
     * @param grid its grid
     * @param command the command's name, for the manifest
     * @return the exit status: 0, or 1 if a cell fell below its bound
     * @throws IOException if the output folder cannot be written
     */
    static int run(CommandSpec spec, SweepOptions o, SweepGrid grid, String command) throws IOException {
        List<Cell> cells = grid.cells();
        int threads = o.threads();
        int atOnce = o.spark == null ? threads : 1;
        for (Cell c : cells) {
            long bytes;
            try {
                bytes = SweepCell.check(c);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            Allocation.requireHeap("cell '" + c.canonical() + "'" + (atOnce > 1 ? " on " + atOnce + " threads at once" : ""),
                Math.multiplyHigh(bytes, atOnce) != 0 ? Long.MAX_VALUE : bytes * atOnce);
        }
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        List<CellResult> results;
        String runner;
        try (TaskRunner r = TaskRunners.create(o.spark, threads);
             ProgressReporter progress = new ProgressReporter(command, cells.size(), err, true)) {
            runner = r.describe();
            results = r.map(cells, SweepCell.FUNCTION, progress.listener());
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", command);
        out.put("seed", o.seed);
        out.put("runner", runner);
        out.put("engine", "java, 1 thread per cell");
        Map<String, Object> tolerances = new LinkedHashMap<>();
        tolerances.put("belowBound", Verdict.BELOW);
        tolerances.put("reachDescent", Verdict.DESCENT_REACH);
        tolerances.put("reachSampled", Verdict.SAMPLED_REACH);
        tolerances.put("scale", "relative to max(1, |bound|)");
        out.put("tolerances", tolerances);
        out.put("cellCount", cells.size());
        out.put("seconds", seconds);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            rows.add(SweepTable.json(i, results.get(i)));
        }
        out.put("cells", rows);
        out.put("verdict", SweepTable.verdict(results));
        ObjectNode node = Json.mapper().valueToTree(out);
        Json.requireFinite("", node);
        if (o.out != null) {
            write(o, results, node, out, command);
        }
        List<Integer> below = SweepTable.verdict(results).get(Verdict.BELOW_BOUND.key());
        for (int i : below) {
            CellResult b = results.get(i);
            err.printf(Locale.ROOT, "!!! BELOW THE BOUND: cell %d (%s): best loss %.15g < bound %.15g by %.3g: a bug or a "
                + "counterexample%n", i, b.cell().canonical(), b.bestLoss(), b.bound(), -b.gap());
        }
        err.flush();
        if (o.json) {
            Json.print(spec.commandLine().getOut(), node);
        } else {
            printText(spec.commandLine().getOut(), results, runner, seconds, !below.isEmpty());
        }
        return below.isEmpty() ? 0 : 1;
    }

    private static void write(SweepOptions o, List<CellResult> results, ObjectNode node, Map<String, Object> out, String command)
            throws IOException {
        OutputFolder folder = OutputFolder.create(o.out);
        List<List<?>> csv = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            csv.add(SweepTable.csvRow(i, results.get(i)));
        }
        folder.writeCsv("cells.csv", SweepTable.CSV_HEADER, csv);
        folder.writeText("sweep.json", Json.mapper().writeValueAsString(node) + "\n");
        OutputFolder best = OutputFolder.create(o.out.resolve("best"));
        for (int i = 0; i < results.size(); i++) {
            CellResult r = results.get(i);
            String name = String.format(Locale.ROOT, "cell-%05d", i);
            best.writePoints(name + ".csv", r.bestPoints(), r.cell().dim(), ScSimulation.labels(r.cell().classSizes()));
            if (r.bestWeights() != null) {
                best.writePoints(name + "-weights.csv", r.bestWeights(), r.cell().dim(), null);
            }
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("command", command);
        manifest.put("arguments", o.commandLine());
        for (String k : List.of("seed", "runner", "engine", "tolerances", "cellCount", "seconds", "verdict")) {
            manifest.put(k, out.get(k));
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("cells.csv", "one row per cell (no timings: identical on any runner)");
        files.put("sweep.json", "the --json object");
        files.put("best/cell-NNNNN.csv", "the best start's final configuration (label,x0,..; CE also -weights.csv)");
        manifest.put("files", files);
        folder.writeManifest(manifest);
    }

    private static void printText(PrintWriter out, List<CellResult> results, String runner, double seconds, boolean below) {
        out.printf(Locale.ROOT, "%d cells on %s in %.1f s%n", results.size(), runner, seconds);
        if (results.size() <= TEXT_ROWS) {
            out.printf(Locale.ROOT, "%5s %-10s %4s %5s %9s %-8s %16s %16s %10s %7s %s%n", "cell", "sizes", "h", "b", "rho2", "mode",
                "best", "bound", "gap", "reached", "verdict");
            for (int i = 0; i < results.size(); i++) {
                CellResult r = results.get(i);
                Cell c = r.cell();
                out.printf(Locale.ROOT, "%5d %-10s %4d %5s %9.4g %-8s %16.10g %16s %10s %4d/%-2d %s%n", i, c.sizesText(), c.dim(),
                    c.loss() == Loss.CE ? "-" : Integer.toString(c.batch()), c.rho2(),
                    c.loss() == Loss.CE ? "ce l=" + c.lambda() : c.modeText(), r.bestLoss(),
                    Double.isNaN(r.bound()) ? "-" : String.format(Locale.ROOT, "%.10g", r.bound()),
                    Double.isNaN(r.gap()) ? "-" : String.format(Locale.ROOT, "%.2e", r.gap()), r.reachedBest(), c.restarts(),
                    r.verdict() == Verdict.BELOW_BOUND ? "BELOW THE BOUND !!!" : r.verdict().key());
            }
        }
        out.println("verdict: " + SweepTable.tally(results));
        if (below) {
            out.println("!!! a cell fell below its bound: a bug or a counterexample (see stderr) !!!");
        }
        out.flush();
    }
}
