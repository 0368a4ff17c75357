package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.dissect.data.Datasets;
import org.dissect.data.LabelCorruption;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.parallel.LocalTaskRunner;
import org.dissect.parallel.TaskRunner;
import org.dissect.report.Charts;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.train.Experiment;
import org.dissect.train.Gemm;
import org.dissect.train.GemmEngines;
import org.dissect.train.Mlp;
import org.dissect.train.Sgd;
import org.dissect.train.TrainResult;
import org.dissect.train.TrainSettings;
import org.dissect.train.Trainer;
import org.dissect.train.TrainingLoss;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig. 8 (Fig. 2 is its CE/SC panel): the time to fit (steps until zero training error on corrupted labels) against
 * the fraction p of flipped labels, for encoders trained with CE, CE-fix and SC, on the UCI digits with an MLP (the
 * paper: CIFAR-10 with a ResNet-18). Every cell of the grid (loss × p) is an independent run; the cells run side by
 * side on every core, each on one thread. A run that does not fit within the budget T is marked at T. Per loss a growth
 * law is fitted: the exponent k of {@code time ≈ c·p^k} over the fitted levels p &gt; 0 (k = 1 linear, k &gt; 1
 * superlinear), and the R² of a linear and of a quadratic fit in p.
 */
final class Fig8Stage implements Stage {
    /** The paper's claim, for the report. */
    static final String CLAIM = "CE and CE-fix: time to fit roughly linear in p; SC: clearly superlinear, and beyond some "
        + "corruption SC does not fit within the budget";
    /** The base learning rate (see {@link #settings}). */
    static final double LEARNING_RATE = 0.05;

    /**
     * The grid's sizes.
     *
     * @param perClass training images per class
     * @param widths encoder widths after the input
     * @param budget T
     * @param evalEvery E
     * @param levels the values of p
     * @param seeds runs per cell (seeds s, s+1, …): the cell's time to fit is their median, a run that did not fit
     *        counting as longer than the budget
     */
    record Grid(int perClass, int[] widths, int budget, int evalEvery, double[] levels, int seeds) {
    }

    /**
     * One cell's result.
     *
     * @param loss the loss
     * @param p the corruption
     * @param timeToFit the median over the cell's seeds of the steps to zero training error, or empty when the median
     *        run did not fit
     * @param runs the time to fit of each seed's run (-1: not fitted)
     * @param testAccuracy the probe's test accuracy on clean labels at the end of the runs (mean over the seeds)
     * @param seconds the run's time
     * @param engine where it ran
     */
    record Cell(TrainingLoss loss, double p, OptionalInt timeToFit, int[] runs, double testAccuracy, double seconds, RanOn engine) {
    }

    /**
     * The growth law fitted to one loss's times.
     *
     * @param exponent k of {@code c·p^k} over the fitted levels p &gt; 0 (NaN with fewer than two)
     * @param linearR2 R² of a least-squares line over the fitted levels (NaN with fewer than three)
     * @param quadraticR2 R² of a least-squares parabola (NaN with fewer than four)
     * @param fitted the fitted levels
     * @param levels all levels
     * @param firstFailure the smallest p that did not fit, or NaN
     */
    record Growth(double exponent, double linearR2, double quadraticR2, int fitted, int levels, double firstFailure) {
        String text() {
            return String.format(Locale.ROOT, "k = %s, R² linear %s, quadratic %s; fitted %d/%d%s", num(exponent), num(linearR2),
                num(quadraticR2), fitted, levels, Double.isNaN(firstFailure) ? "" : "; first failure at p = " + firstFailure);
        }
    }

    @Override
    public String name() {
        return "fig8";
    }

    /** fig8 is minutes long: {@code reproduce all} leaves it out, {@code reproduce fig8} (or {@code --quick}) runs it. */
    @Override
    public boolean partOfAll() {
        return false;
    }

    static Grid grid(boolean quick) {
        if (quick) {
            return new Grid(30, new int[] {64, 64, 12}, 1000, 50, new double[] {0, 0.5, 1}, 1);
        }
        double[] p = new double[11];
        for (int i = 0; i < p.length; i++) {
            p[i] = i / 10.0;
        }
        return new Grid(150, new int[] {128, 128, 16}, 6000, 100, p, 3);
    }

    /**
     * The paper's recipe (momentum 0.9, weight decay 1e-4, power-5 decay, batches of 256, ρ² = 10) at lr 0.05 instead
     * of 0.1: the MLP has no batch normalisation, and at 0.1 an SC run can switch every ReLU off within its first
     * 20 steps (a constant encoder, loss log 255), which would read as "not fitted".
     */
    static TrainSettings settings(int[] widths, int budget, int evalEvery, TrainingLoss loss, long seed) {
        return new TrainSettings(widths, loss, budget, evalEvery, TrainSettings.PAPER_BATCH, TrainSettings.PAPER_RHO2,
            new Sgd(LEARNING_RATE, 0.9, 1e-4), seed, true, 2);
    }

    @Override
    public Section run(Context ctx) throws Exception {
        Grid g = grid(ctx.quick());
        long t0 = System.nanoTime();
        List<Cell> cells = compute(ctx, g);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        OutputFolder out = ctx.folder(name());
        Figure fig = figure(g, cells);
        fig.writePng(out.file("fig8.png"), 2);
        fig.writeSvg(out.file("fig8.svg"));
        List<List<?>> rows = new ArrayList<>();
        for (Cell c : cells) {
            rows.add(List.of(c.loss().label(), c.p(), c.timeToFit().isPresent(), c.timeToFit().isPresent() ? c.timeToFit().getAsInt() : "",
                java.util.Arrays.stream(c.runs()).mapToObj(t -> t < 0 ? "-" : Integer.toString(t)).collect(java.util.stream.Collectors.joining(" ")),
                g.budget(), c.testAccuracy(), c.seconds()));
        }
        out.writeCsv("fig8.csv", List.of("loss", "p", "fitted", "time_to_fit_median", "time_to_fit_per_seed", "budget",
            "test_accuracy_probe", "seconds"), rows);
        Map<TrainingLoss, Growth> growth = new LinkedHashMap<>();
        for (TrainingLoss l : TrainingLoss.values()) {
            growth.put(l, growth(cells.stream().filter(c -> c.loss() == l).toList()));
        }
        RanOn engine = cells.get(0).engine();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("dataset", Datasets.DIGITS);
        manifest.put("perClass", g.perClass());
        manifest.put("widths", java.util.Arrays.stream(g.widths()).boxed().toList());
        manifest.put("budget", g.budget());
        manifest.put("evalEvery", g.evalEvery());
        manifest.put("levels", g.levels());
        manifest.put("corruption", LabelCorruption.FLIP.label());
        manifest.put("learningRate", LEARNING_RATE);
        manifest.put("seeds", java.util.stream.LongStream.range(ctx.seed(), ctx.seed() + g.seeds()).boxed().toList());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", engine);
        manifest.put("cellsInParallel", ctx.threads());
        manifest.put("seconds", seconds);
        out.writeManifest(manifest);
        String note = String.format(Locale.ROOT, "digits, %d per class, MLP 64-%s, T = %d, E = %d, lr %.2f, median of %d seed(s) "
            + "from %d, %s, %d runs on %d threads, %.0f s", g.perClass(), Mlp.widthsText(g.widths()), g.budget(), g.evalEvery(),
            LEARNING_RATE, g.seeds(), ctx.seed(), engine, cells.size() * g.seeds(), ctx.threads(), seconds);
        List<Comparison> cmp = new ArrayList<>();
        for (Map.Entry<TrainingLoss, Growth> e : growth.entrySet()) {
            String paper = e.getKey() == TrainingLoss.SC ? "superlinear; fails to fit beyond some p" : "roughly linear";
            cmp.add(new Comparison("Fig. 8: time to fit vs p, " + e.getKey().label(), paper, "", e.getValue().text(), note));
        }
        String md = "![Fig. 8](fig8/fig8.png)\n\n" + verdict(growth) + "\n\nSetting: " + note + ".\n\nTime to fit (median over "
            + g.seeds() + " seed(s) per cell; a run that did not fit counts as longer than T): the steps at the first evaluation (every "
            + g.evalEvery() + " steps) with zero training error on the corrupted labels, under the head for CE and CE-fix and "
            + "under a linear probe retrained on the frozen features for SC; crosses at T = " + g.budget() + " mark runs that did "
            + "not fit. Labels flipped as the authors do (exactly ⌊pN⌋, each to a different class). The paper trains a "
            + "ResNet-18 on CIFAR-10 (50,000 images, T = 100,000); this is an MLP on " + 10 * g.perClass() + " UCI digits, "
            + "with the paper's optimiser at lr " + LEARNING_RATE + " (0.1 can switch off every ReLU of an SC-trained MLP, which "
            + "has no batch normalisation, in its first steps). Growth law per loss: k of time ≈ c·p^k over the fitted p > 0, "
            + "and R² of linear and quadratic least-squares fits. Files: `fig8.png`, `fig8.svg`, `fig8.csv`, `manifest.json`.\n";
        return new Section("Fig. 8: time to fit against label corruption (CE, CE-fix, SC)", md, cmp);
    }

    /** The report's sentence comparing our growth laws with the paper's claim, whatever they show. */
    static String verdict(Map<TrainingLoss, Growth> growth) {
        Growth sc = growth.get(TrainingLoss.SC);
        String ours = String.format(Locale.ROOT, "Ours: CE %s; CE-fix %s; SC %s.", growth.get(TrainingLoss.CE).text(),
            growth.get(TrainingLoss.CE_FIX).text(), sc.text());
        List<String> agree = new ArrayList<>();
        List<String> disagree = new ArrayList<>();
        for (TrainingLoss l : List.of(TrainingLoss.CE, TrainingLoss.CE_FIX)) {
            Growth o = growth.get(l);
            if (sc.fitted() < o.fitted()) {
                agree.add("SC fits fewer levels than " + l.label());
            } else if (sc.fitted() > o.fitted()) {
                disagree.add("SC fits more levels than " + l.label());
            } else if (sc.exponent() > o.exponent() + 0.2) {
                agree.add("SC's time to fit grows faster in p than " + l.label() + "'s");
            } else {
                disagree.add("SC's time to fit grows no faster in p than " + l.label() + "'s");
            }
        }
        String result = disagree.isEmpty() ? "In the direction of the paper's claim: " + String.join("; ", agree) + "."
            : agree.isEmpty() ? "The paper's claim is NOT reproduced at this scale: " + String.join("; ", disagree) + "."
            : "Partly reproduced: " + String.join("; ", agree) + "; but " + String.join("; ", disagree) + ".";
        return "**Paper (Figs 2 and 8):** " + CLAIM + ". **" + ours + "** " + result + " Two differences from the paper "
            + "weigh here: a small MLP on 8×8 digits, not a ResNet-18 on CIFAR-10, and SC's fit is read by a linear probe "
            + "retrained on the frozen features at every evaluation (1,000 steps), CE's by the head as trained.";
    }

    /**
     * One run of the grid, as a task for a {@link TaskRunner}.
     *
     * @param loss the loss
     * @param p the corruption
     * @param seed the run's seed
     */
    record Run(TrainingLoss loss, double p, long seed) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a run gives back.
     *
     * @param timeToFit the steps to zero training error, -1 when not fitted
     * @param testAccuracy the probe's test accuracy
     * @param seconds the run's time
     */
    record Outcome(int timeToFit, double testAccuracy, double seconds) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs every run of the grid on a {@link LocalTaskRunner} of {@code ctx.threads()} threads, each run on one thread.
     *
     * @param ctx where and how
     * @param g the grid
     * @return the cells, loss by loss, p ascending
     */
    static List<Cell> compute(Context ctx, Grid g) {
        Engine engine = ctx.engine() == Engine.JAVA || ctx.engine() == Engine.BLAS ? ctx.engine() : Engine.AUTO;
        List<Run> runs = new ArrayList<>();
        for (TrainingLoss loss : TrainingLoss.values()) {
            for (double p : g.levels()) {
                for (int k = 0; k < g.seeds(); k++) {
                    runs.add(new Run(loss, p, ctx.seed() + k));
                }
            }
        }
        int perClass = g.perClass();
        int[] widths = g.widths();
        int budget = g.budget();
        int every = g.evalEvery();
        AtomicInteger done = new AtomicInteger();
        List<Outcome> outcomes;
        try (TaskRunner runner = new LocalTaskRunner(ctx.threads())) {
            outcomes = runner.map(runs, run -> {
                Experiment e = Experiment.prepare(Datasets.digits(), perClass, LabelCorruption.FLIP, run.p(), run.seed());
                TrainResult r = Trainer.train(settings(widths, budget, every, run.loss(), run.seed()), e.set(), engine, 1, x -> { });
                return new Outcome(r.fitted() ? r.timeToFit().getAsInt() : -1, r.testAccuracy().probe(), r.seconds());
            }, n -> ctx.progress("fig8", done.addAndGet((int) n) + "/" + runs.size() + " runs done"));
        }
        RanOn ran;
        try (Gemm gemm = GemmEngines.open(engine, 1)) {
            ran = gemm.engine();
        }
        List<Cell> cells = new ArrayList<>();
        int next = 0;
        for (TrainingLoss loss : TrainingLoss.values()) {
            for (double p : g.levels()) {
                int[] times = new int[g.seeds()];
                double accuracy = 0;
                double seconds = 0;
                for (int k = 0; k < g.seeds(); k++) {
                    Outcome o = outcomes.get(next++);
                    times[k] = o.timeToFit();
                    accuracy += o.testAccuracy() / g.seeds();
                    seconds += o.seconds();
                }
                cells.add(new Cell(loss, p, median(times), times, accuracy, seconds, ran));
            }
        }
        return cells;
    }

    /** The median of the runs' times, a run that did not fit (-1) counting as longer than any that did. */
    static OptionalInt median(int[] runs) {
        int[] sorted = java.util.Arrays.stream(runs).map(t -> t < 0 ? Integer.MAX_VALUE : t).sorted().toArray();
        int m = sorted[(sorted.length - 1) / 2];
        return m == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(m);
    }

    static Growth growth(List<Cell> cells) {
        WeightedObservedPoints points = new WeightedObservedPoints();
        SimpleRegression logLog = new SimpleRegression();
        SimpleRegression line = new SimpleRegression();
        double firstFailure = Double.NaN;
        int fitted = 0;
        for (Cell c : cells) {
            if (c.timeToFit().isEmpty()) {
                firstFailure = Double.isNaN(firstFailure) ? c.p() : Math.min(firstFailure, c.p());
                continue;
            }
            fitted++;
            double t = c.timeToFit().getAsInt();
            points.add(c.p(), t);
            line.addData(c.p(), t);
            if (c.p() > 0) {
                logLog.addData(Math.log(c.p()), Math.log(t));
            }
        }
        double exponent = logLog.getN() >= 2 ? logLog.getSlope() : Double.NaN;
        double linear = fitted >= 3 ? line.getRSquare() : Double.NaN;
        double quadratic = Double.NaN;
        if (fitted >= 4) {
            double[] c = PolynomialCurveFitter.create(2).fit(points.toList());
            double mean = points.toList().stream().mapToDouble(o -> o.getY()).average().orElse(0);
            double ssRes = 0;
            double ssTot = 0;
            for (var o : points.toList()) {
                double fit = c[0] + c[1] * o.getX() + c[2] * o.getX() * o.getX();
                ssRes += (o.getY() - fit) * (o.getY() - fit);
                ssTot += (o.getY() - mean) * (o.getY() - mean);
            }
            quadratic = ssTot > 0 ? 1 - ssRes / ssTot : Double.NaN;
        }
        return new Growth(exponent, linear, quadratic, fitted, cells.size(), firstFailure);
    }

    static Figure figure(Grid g, List<Cell> cells) {
        XYChart time = Charts.xy("Time to fit", "fraction of flipped labels p", "steps to zero training error");
        time.getStyler().setYAxisMin(0.0).setYAxisMax(g.budget() * 1.12).setXAxisMin(-0.03).setXAxisMax(1.03);
        time.getStyler().setXAxisDecimalPattern("0.0");
        XYChart test = Charts.xy("Test accuracy (probe, clean labels)", "fraction of flipped labels p", "test accuracy");
        test.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setXAxisMin(-0.03).setXAxisMax(1.03);
        test.getStyler().setXAxisDecimalPattern("0.0");
        XYSeries budget = time.addSeries("T = " + g.budget(), new double[] {-0.03, 1.03}, new double[] {g.budget(), g.budget()});
        budget.setMarker(SeriesMarkers.NONE);
        budget.setLineColor(new Color(150, 150, 150));
        budget.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        int colour = 0;
        for (TrainingLoss l : TrainingLoss.values()) {
            List<Cell> mine = cells.stream().filter(c -> c.loss() == l).toList();
            List<Cell> fit = mine.stream().filter(c -> c.timeToFit().isPresent()).toList();
            List<Cell> failed = mine.stream().filter(c -> c.timeToFit().isEmpty()).toList();
            Color color = Charts.classColor(colour++);
            if (!fit.isEmpty()) {
                XYSeries s = time.addSeries(l.label(), fit.stream().mapToDouble(Cell::p).toArray(),
                    fit.stream().mapToDouble(c -> c.timeToFit().getAsInt()).toArray());
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(color);
                s.setLineColor(color);
            }
            if (!failed.isEmpty()) {
                // at T, each loss a little higher, so that crosses at the same p stay apart
                double y = g.budget() * (1 + 0.03 * (colour - 1));
                XYSeries s = time.addSeries(l.label() + " not fit", failed.stream().mapToDouble(Cell::p).toArray(),
                    failed.stream().mapToDouble(c -> y).toArray());
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CROSS);
                s.setMarkerColor(color);
            }
            XYSeries a = test.addSeries(l.label(), mine.stream().mapToDouble(Cell::p).toArray(),
                mine.stream().mapToDouble(Cell::testAccuracy).toArray());
            a.setMarker(SeriesMarkers.CIRCLE);
            a.setMarkerColor(color);
            a.setLineColor(color);
        }
        time.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        test.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS)
            .setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return new Figure("Fig. 8: time to fit vs label corruption, UCI digits (" + 10 * g.perClass() + " training images), MLP 64-"
            + Mlp.widthsText(g.widths()), 2, 560, 400, List.of(time, test), List.of("crosses: not fitted within T (drawn at T, offset per loss)", ""));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
