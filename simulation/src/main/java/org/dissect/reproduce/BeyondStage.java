package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;
import org.dissect.parallel.LocalTaskRunner;
import org.dissect.parallel.TaskRunner;
import org.dissect.report.Charts;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.sweep.Cell;
import org.dissect.sweep.CellResult;
import org.dissect.sweep.Loss;
import org.dissect.sweep.SweepCell;
import org.dissect.sweep.SweepGrid;
import org.dissect.sweep.SweepTable;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Beyond the paper's hypotheses, from sweeps ({@link SweepCell} on local threads): (a) the best gap to Theorem 2's
 * bound by K and h, zero where a simplex exists ({@code h ≥ K-1}) and positive where none does; (b) the minimisers
 * found where {@code K > h+1}, at τ = 1 and τ = 0.1, with their loss next to the unattainable bound; (c) the smallest
 * angle between class means (and CE's class weights) against a geometric imbalance ratio: minority collapse under
 * CE + λ‖W‖² and what SC does; (d) the fraction of seeded starts that reach the bound, by batch size and mode.
 * Part of {@code reproduce all} (about 30 s on 2 cores), or alone as {@code dissect reproduce beyond}.
 */
final class BeyondStage implements Stage {
    /** Points per class and batch size of (a) and (b): small enough to enumerate every batch exactly. */
    static final int PER_CLASS = 2;
    static final int BATCH = 4;

    @Override
    public String name() {
        return "beyond";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        OutputFolder out = ctx.folder(name());
        int restarts = ctx.quick() ? 2 : 6;
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("restarts", restarts);
        manifest.put("engine", "java, 1 thread per cell, cells on " + ctx.threads() + " local threads");
        StringBuilder md = new StringBuilder("Sweeps (`dissect sweep`) beyond the paper's hypotheses: every cell runs " + restarts
            + " seeded descents on the Java engines; the tables are the stage's CSV files.\n\n");
        try (TaskRunner runner = new LocalTaskRunner(ctx.threads())) {
            md.append(gapByDimension(ctx, runner, out, restarts));
            md.append(minimisers(ctx, runner, out, restarts));
            md.append(imbalance(ctx, runner, out, restarts));
            md.append(reachByBatch(ctx, runner, out, restarts));
        }
        out.writeManifest(manifest);
        md.append("Files: `beyond.png` (= (a)), `beyond-b.png`, `beyond-c.png`, `beyond-d.png` (and SVG), one CSV per figure in "
            + "the format of `sweep --out`'s `cells.csv`, `manifest.json`.\n");
        return new Section("Beyond the hypotheses: no simplex, imbalance, small batches", md.toString(), List.of());
    }

    private static List<CellResult> run(Context ctx, TaskRunner runner, String part, List<Cell> cells) {
        ctx.progress("beyond", part + ": " + cells.size() + " cells on " + runner.describe());
        return runner.map(cells, SweepCell.FUNCTION, n -> { });
    }

    private static Cell sc(int[] sizes, int dim, int batch, double rho2, ScMode mode, int restarts, Context ctx) {
        int steps = ctx.quick() && mode == ScMode.SAMPLED ? 5000 : SweepGrid.defaultSteps(mode);
        return new Cell(Loss.SC, sizes, dim, mode == ScMode.FULL ? Arrays.stream(sizes).sum() : batch, rho2, 0, mode, restarts,
            steps, SweepGrid.defaultLearningRate(mode), 1e-13, ctx.seed());
    }

    private static void csv(OutputFolder out, String name, List<CellResult> results) throws IOException {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            rows.add(SweepTable.csvRow(i, results.get(i)));
        }
        out.writeCsv(name, SweepTable.CSV_HEADER, rows);
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : OutputFolder.fixed(v, decimals);
    }

    /** (a): the best gap to Theorem 2 by (K, h), n = 2, b = 4, ρ² = 1, exact mode. */
    private static String gapByDimension(Context ctx, TaskRunner runner, OutputFolder out, int restarts) throws IOException {
        int maxK = ctx.quick() ? 5 : 7;
        int[] dims = {2, 3, 4, 5};
        List<Cell> cells = new ArrayList<>();
        for (int k = 2; k <= maxK; k++) {
            for (int h : dims) {
                cells.add(sc(ScSimulation.balancedSizes(k, PER_CLASS), h, BATCH, 1.0, ScMode.EXACT, restarts, ctx));
            }
        }
        List<CellResult> results = run(ctx, runner, "(a) gap by K and h", cells);
        csv(out, "beyond-a.csv", results);
        HeatMapChart c = Charts.heatMap("best gap to Theorem 2, n = " + PER_CLASS + ", b = " + BATCH + ", τ = 1", "dimension h",
            "classes K");
        List<Integer> xs = new ArrayList<>();
        for (int h : dims) {
            xs.add(h);
        }
        List<Integer> ys = new ArrayList<>();
        for (int k = 2; k <= maxK; k++) {
            ys.add(k);
        }
        List<Number[]> heat = new ArrayList<>();
        StringBuilder table = new StringBuilder("| K \\ h |");
        for (int h : dims) {
            table.append(' ').append(h).append(" |");
        }
        table.append("\n|---|").append("---|".repeat(dims.length)).append('\n');
        for (int ki = 0; ki < ys.size(); ki++) {
            table.append("| ").append(ys.get(ki)).append(" |");
            for (int hi = 0; hi < dims.length; hi++) {
                double gap = Math.max(0, results.get(ki * dims.length + hi).gap());
                heat.add(new Number[] {hi, ki, Double.parseDouble(String.format(Locale.ROOT, "%.3f", gap))});
                table.append(' ').append(String.format(Locale.ROOT, "%.2e", results.get(ki * dims.length + hi).gap())).append(" |");
            }
            table.append('\n');
        }
        c.addSeries("gap", xs, ys, heat);
        c.getStyler().setHeatMapValueDecimalPattern("0.000");
        Figure fig = new Figure("(a) Theorem 2's bound is attained where a simplex exists (h ≥ K-1)", 1, 660, 400, List.of(c), List.of(
            "mean batch loss minus the bound, best of " + restarts + " starts, exact mode"));
        fig.writePng(out.file("beyond.png"), 2);
        fig.writeSvg(out.file("beyond.svg"));
        long zeroInside = results.stream().filter(r -> r.cell().simplexExists() && r.gap() < 1e-7).count();
        long inside = results.stream().filter(r -> r.cell().simplexExists()).count();
        long positiveOutside = results.stream().filter(r -> !r.cell().simplexExists() && r.gap() > 1e-7).count();
        long outside = results.size() - inside;
        return "### (a) The gap to Theorem 2 by K and h\n\n![(a)](beyond/beyond.png)\n\nExact mode, n = " + PER_CLASS + ", b = " + BATCH
            + ", ρ² = 1. Gap (best mean batch loss minus the bound) below 1e-7 in " + zeroInside + " of the " + inside
            + " cells with h ≥ K-1; above it in " + positiveOutside + " of the " + outside + " cells with K > h+1, where no regular "
            + "simplex exists and the bound, still valid, cannot be attained (h = 1 is left out: the sphere S⁰ is two points and a "
            + "descent cannot move on it).\n\n" + table + "\n";
    }

    /** (b): minimisers for K > h+1: K = 4 on the circle, K = 5, 6, 7 in R³, at τ = 1 and τ = 0.1. */
    private static String minimisers(Context ctx, TaskRunner runner, OutputFolder out, int restarts) throws IOException {
        int[][] shapes = ctx.quick() ? new int[][] {{4, 2}, {5, 3}} : new int[][] {{4, 2}, {5, 3}, {6, 3}, {7, 3}};
        double[] rho2s = {1, 10};
        List<Cell> cells = new ArrayList<>();
        for (double rho2 : rho2s) {
            for (int[] s : shapes) {
                cells.add(sc(ScSimulation.balancedSizes(s[0], PER_CLASS), s[1], BATCH, rho2, ScMode.EXACT, restarts, ctx));
            }
        }
        List<CellResult> results = run(ctx, runner, "(b) minimisers without a simplex", cells);
        csv(out, "beyond-b.csv", results);
        List<XYChart> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        StringBuilder table = new StringBuilder("| K | h | τ | best mean loss | bound (unattainable) | gap | class-mean angles |\n"
            + "|---|---|---|---|---|---|---|\n");
        for (CellResult r : results) {
            Cell c = r.cell();
            double rho = Math.sqrt(c.rho2());
            double[] unit = r.bestPoints().clone();
            for (int i = 0; i < unit.length; i++) {
                unit[i] /= rho;
            }
            int[] labels = ScSimulation.labels(c.classSizes());
            String title = "K = " + c.classes() + " in R" + (c.dim() == 2 ? "²" : "³") + ", τ = " + (c.rho2() == 1 ? "1" : "0.1");
            panels.add(c.dim() == 2 ? Panels.circle(title, unit, labels, c.classes(), null) : Panels.sphere(title, unit, labels, c.classes()));
            captions.add("loss " + fixed(r.bestLoss(), 4) + ", bound " + fixed(r.bound(), 4) + String.format(Locale.ROOT, " (gap %.1e)", r.gap()));
            table.append("| ").append(c.classes()).append(" | ").append(c.dim()).append(" | ").append(c.rho2() == 1 ? "1" : "0.1")
                .append(" | ").append(fixed(r.bestLoss(), 6)).append(" | ").append(fixed(r.bound(), 6)).append(" | ")
                .append(String.format(Locale.ROOT, "%.3e", r.gap())).append(" | ").append(fixed(r.minAngle(), 1)).append("°-")
                .append(fixed(r.maxAngle(), 1)).append("° |\n");
        }
        Figure fig = new Figure("(b) SC minimisers where no simplex exists (K > h+1), n = " + PER_CLASS + ", b = " + BATCH
            + "; R³: seen from above, far side pale", shapes.length, 250, 250, panels, captions);
        fig.writePng(out.file("beyond-b.png"), 2);
        fig.writeSvg(out.file("beyond-b.svg"));
        return "### (b) Minimisers where no simplex exists\n\n![(b)](beyond/beyond-b.png)\n\nThe best of " + restarts + " exact-mode "
            + "descents. The points of a class still collapse to one point, but the class means cannot all be equally far apart: "
            + "the loss stays above Theorem 2's bound, which is valid and unattainable here.\n\n" + table + "\n";
    }

    /** (c): the smallest class-mean (and CE weight) angle against the imbalance ratio. */
    private static String imbalance(Context ctx, TaskRunner runner, OutputFolder out, int restarts) throws IOException {
        int classes = 4;
        int largest = ctx.quick() ? 16 : 32;
        double lambda = 0.05;
        double[] ratios = ctx.quick() ? new double[] {1, 4, 16} : new double[] {1, 2, 4, 8, 16, 32};
        List<int[]> sizes = SweepGrid.classSizes(new int[] {classes}, new int[] {largest}, ratios);
        List<Cell> cells = new ArrayList<>();
        for (int[] s : sizes) {
            cells.add(new Cell(Loss.CE, s, classes - 1, 0, 1.0, lambda, null, restarts, SweepGrid.defaultSteps(null),
                SweepGrid.defaultLearningRate(null), 1e-13, ctx.seed()));
        }
        for (int[] s : sizes) {
            cells.add(sc(s, classes - 1, 0, 10, ScMode.FULL, restarts, ctx));
        }
        List<CellResult> results = run(ctx, runner, "(c) imbalance", cells);
        csv(out, "beyond-c.csv", results);
        int m = ratios.length;
        double[] ceMeans = new double[m];
        double[] ceWeights = new double[m];
        double[] scMeans = new double[m];
        double[] simplex = new double[m];
        StringBuilder table = new StringBuilder("| ratio | class sizes | CE: smallest mean angle | CE: smallest weight angle | "
            + "SC: smallest mean angle |\n|---|---|---|---|---|\n");
        for (int i = 0; i < m; i++) {
            ceMeans[i] = results.get(i).minAngle();
            ceWeights[i] = results.get(i).minWeightAngle();
            scMeans[i] = results.get(m + i).minAngle();
            simplex[i] = Math.toDegrees(Math.acos(-1.0 / (classes - 1)));
            table.append("| ").append(fixed(ratios[i], 0)).append(" | ").append(results.get(i).cell().sizesText().replace(';', ','))
                .append(" | ").append(fixed(ceMeans[i], 1)).append("° | ").append(fixed(ceWeights[i], 1)).append("° | ")
                .append(fixed(scMeans[i], 1)).append("° |\n");
        }
        XYChart c = Charts.xy("smallest angle between classes, K = " + classes + ", h = " + (classes - 1), "imbalance ratio (largest / smallest class)",
            "angle (degrees)");
        c.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisMax(125.0).setLegendPosition(LegendPosition.InsideSW);
        line(c, "simplex angle", ratios, simplex, Color.GRAY, SeriesMarkers.NONE);
        line(c, "CE + λ‖W‖², class means", ratios, ceMeans, Charts.categoryColor(0), SeriesMarkers.CIRCLE);
        line(c, "CE + λ‖W‖², class weights", ratios, ceWeights, Charts.categoryColor(1), SeriesMarkers.DIAMOND);
        line(c, "SC (full batch, τ = 0.1), class means", ratios, scMeans, Charts.categoryColor(2), SeriesMarkers.SQUARE);
        Figure fig = new Figure("(c) Minority collapse: class angles against the imbalance ratio", 1, 660, 420, List.of(c), List.of(
            "CE: ρ = 1, λ = " + lambda + "; classes of " + largest + "·r^(-y/3) points; best of " + restarts + " starts"));
        fig.writePng(out.file("beyond-c.png"), 2);
        fig.writeSvg(out.file("beyond-c.svg"));
        return "### (c) Imbalance: minority collapse\n\n![(c)](beyond/beyond-c.png)\n\nClass y of K = " + classes + " holds max(1, round("
            + largest + "·r^(-y/3))) points. At r = 1 both losses reach the simplex (" + fixed(simplex[0], 2) + "°). As the "
            + "ratio grows, CE + λ‖W‖² (λ = " + lambda + ") pulls the minority classes' weights and means together (minority "
            + "collapse, Fang et al. 2021); SC (one batch of all points, τ = 0.1) keeps them further apart but no longer "
            + "equiangular. No theorem covers these cells (verdict `outside`).\n\n" + table + "\n";
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color color, Marker marker) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(marker);
    }

    /** (d): the fraction of starts that reach the bound, by batch size and mode, K = 3, n = 2, h = 2. */
    private static String reachByBatch(Context ctx, TaskRunner runner, OutputFolder out, int restarts) throws IOException {
        int starts = ctx.quick() ? 4 : 16;
        int[] batches = ctx.quick() ? new int[] {3, 5} : new int[] {3, 4, 5, 6, 7, 8};
        double[] rho2s = {1, 10};
        int[] sizes = ScSimulation.balancedSizes(3, 2);
        List<Cell> cells = new ArrayList<>();
        for (double rho2 : rho2s) {
            for (ScMode mode : List.of(ScMode.EXACT, ScMode.SAMPLED)) {
                for (int b : batches) {
                    cells.add(sc(sizes, 2, b, rho2, mode, starts, ctx));
                }
            }
            cells.add(sc(sizes, 2, 0, rho2, ScMode.FULL, starts, ctx));
        }
        List<CellResult> results = run(ctx, runner, "(d) reach by batch and mode", cells);
        csv(out, "beyond-d.csv", results);
        XYChart c = Charts.xy("starts that reach the bound, K = 3, n = 2, h = 2", "batch size b", "fraction of " + starts + " starts");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.05).setLegendPosition(LegendPosition.OutsideE);
        StringBuilder table = new StringBuilder("| τ | mode | b | reached the bound | best gap |\n|---|---|---|---|---|\n");
        int i = 0;
        int series = 0;
        for (double rho2 : rho2s) {
            String tau = rho2 == 1 ? "1" : "0.1";
            for (ScMode mode : List.of(ScMode.EXACT, ScMode.SAMPLED, ScMode.FULL)) {
                int count = mode == ScMode.FULL ? 1 : batches.length;
                double[] x = new double[count];
                double[] y = new double[count];
                for (int j = 0; j < count; j++, i++) {
                    CellResult r = results.get(i);
                    x[j] = r.cell().effectiveBatch();
                    y[j] = (double) r.reachedBound() / starts;
                    table.append("| ").append(tau).append(" | ").append(r.cell().modeText()).append(" | ").append(r.cell().effectiveBatch())
                        .append(" | ").append(r.reachedBound()).append('/').append(starts).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2e", r.gap())).append(" |\n");
                }
                XYSeries s = c.addSeries(mode.name().toLowerCase(Locale.ROOT) + ", τ = " + tau, x, y);
                s.setLineColor(Charts.categoryColor(series));
                s.setMarkerColor(Charts.categoryColor(series++));
                s.setMarker(mode == ScMode.EXACT ? SeriesMarkers.CIRCLE : mode == ScMode.SAMPLED ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
                if (rho2 != 1) {
                    s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
                }
            }
        }
        Figure fig = new Figure("(d) How often a seeded start reaches Theorem 2's bound", 1, 760, 420, List.of(c), List.of(
            "exact: monotone descent on the mean over all batches; sampled: SGD, judged by its exact final loss (tolerance 1e-3); "
                + "full: b = N"));
        fig.writePng(out.file("beyond-d.png"), 2);
        fig.writeSvg(out.file("beyond-d.svg"));
        return "### (d) Starts that reach the bound, by batch size and mode\n\n![(d)](beyond/beyond-d.png)\n\nK = 3, n = 2, h = 2, "
            + starts + " seeded starts per cell. A start has reached the bound when its final loss lies within 1e-7 (exact, full) "
            + "or 1e-3 (sampled, SGD's noise floor) of it, relative to max(1, bound).\n\n" + table + "\n";
    }
}
