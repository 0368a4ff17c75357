package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dissect.descent.Engines;
import org.dissect.engine.RanOn;
import org.dissect.descent.EnumeratedScLoss;
import org.dissect.descent.JavaScBatchGradient;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.LossHistogram;
import org.dissect.report.Charts;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.theory.LabelConfiguration;
import org.dissect.theory.SupervisedContrastiveBound;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig. 6: K = 3, n = 4 points per class on the unit circle, b = 9, all {@code C(N+b-1, b)} multiset batches.
 * Left: the mean batch loss along exact gradient descent (the total over all batches, by enumeration) and
 * along SGD on sampled batches (the paper's method, evaluated exactly at checkpoints), against the
 * Theorem 2 bound. Right: the batch losses at convergence grouped by label configuration (the enumeration
 * engine's histogram), with each configuration's loss at the simplex marked.
 */
final class Fig6Stage implements Stage {
    static final int CLASSES = 3;
    static final int PER_CLASS = 4;
    static final int BATCH = 9;
    static final int DIM = 2;
    static final double RHO2 = 1.0;
    /** More label configurations than any (K, b) of this figure has; {@link LabelConfiguration#enumerate} refuses beyond. */
    private static final int MAX_CONFIGURATIONS = 1000;
    /** The number of SGD checkpoints, spaced geometrically over the run. */
    private static final int CHECKPOINTS = 40;

    /**
     * What the figure shows, computed.
     *
     * @param bound the Theorem 2 setting (K, n, b, ρ²)
     * @param exact the exact gradient descent (every step sums all batches)
         * @param sgdSettings the settings of the SGD run
     * @param sgdCurve the SGD checkpoints as {@code {step, exact mean batch loss}}
     * @param sgdFinal the exact mean batch loss at the end of the SGD run
     * @param histogram the batch losses at the end of the exact descent, by label configuration
     * @param configurations every label configuration of the setting, with its batch count and loss at the simplex
     * @param engine the enumeration engine that ran, and its device
     */
    record Outcome(SupervisedContrastiveBound bound, ScSimulation.Result exact, ScSimulation.Settings sgdSettings, List<double[]> sgdCurve, double sgdFinal, LossHistogram histogram,
                   List<LabelConfiguration> configurations, RanOn engine) {
        /** @return {@code |𝔅|}, the number of multiset batches, written with thousands separators */
        String batches() {
            return Fig6Stage.batches(bound);
        }
    }

    @Override
    public String name() {
        return "fig6";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        Outcome o = compute(ctx);
        OutputFolder out = ctx.folder(name());
        Figure fig = figure(o);
        fig.writePng(out.file("fig6.png"), 2);
        fig.writeSvg(out.file("fig6.svg"));
        out.writeCsv("fig6_exact_trace.csv", List.of("step", "mean_batch_loss"), Fig1Stage.trace(o.exact().trace(), 1));
        List<List<?>> sgdRows = new ArrayList<>();
        for (double[] p : o.sgdCurve()) {
            sgdRows.add(List.of((long) p[0], p[1]));
        }
        out.writeCsv("fig6_sgd_checkpoints.csv", List.of("step", "exact_mean_batch_loss"), sgdRows);
        out.writePoints("fig6_final_configuration.csv", o.exact().points(), DIM, o.exact().labels());
        List<List<?>> groups = new ArrayList<>();
        for (LossHistogram.Group g : o.histogram().groups()) {
            LabelConfiguration c = configuration(o, g);
            groups.add(List.of(g.label(), g.batches(), c.batches(), g.minLoss(), g.meanLoss(), g.maxLoss(), c.lossAtSimplex()));
        }
        out.writeCsv("fig6_histogram.csv", List.of("configuration", "batches", "batches_theory", "min_loss", "mean_loss",
            "max_loss", "loss_at_simplex"), groups);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("classes", CLASSES);
        manifest.put("perClass", PER_CLASS);
        manifest.put("dim", DIM);
        manifest.put("batch", BATCH);
        manifest.put("rho", Math.sqrt(RHO2));
        manifest.put("batches", o.bound().batchCount());
        manifest.put("exactSteps", o.exact().steps());
        manifest.put("sgdSteps", o.sgdSettings().steps());
        manifest.put("sgdLearningRate", o.sgdSettings().learningRate());
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", o.engine());
        out.writeManifest(manifest);

        double meanBound = o.bound().meanBound();
        double exactFinal = o.exact().trace().last();
        List<Comparison> cmp = List.of(
            new Comparison("Fig. 6: mean batch loss after exact gradient descent over all " + o.batches() + " batches",
                "12.12016 (SGD)", String.format(Locale.ROOT, "%.5f", meanBound), String.format(Locale.ROOT, "%.5f", exactFinal),
                "gap " + String.format(Locale.ROOT, "%.1e", exactFinal - meanBound) + ", " + o.exact().steps()
                    + " steps, engine " + o.engine() + ", seed " + ctx.seed()),
            new Comparison("Fig. 6: mean batch loss after SGD on sampled batches (" + o.sgdSettings().steps() + " it.)", "12.12016",
                String.format(Locale.ROOT, "%.5f", meanBound), String.format(Locale.ROOT, "%.5f", o.sgdFinal()),
                "learning rate " + o.sgdSettings().learningRate() + "/(1+1000t/T) on the per-anchor loss, seed " + ctx.seed()));
        String md = "![Fig. 6](fig6/fig6.png)\n\nLeft: the gap between the mean batch loss L_SC/|𝔅| and the Theorem 2 bound "
            + String.format(Locale.ROOT, "%.7f", meanBound) + ", along exact gradient descent (every step sums all "
            + o.batches() + " batches; monotone) and along SGD on uniformly drawn multiset batches (the paper's method), both "
            + "evaluated exactly. Right: the " + o.batches() + " batch-wise losses at the end of the exact descent, grouped by "
            + "label configuration by the enumeration engine: each bar stands at the mean loss of the configuration's batches, "
            + "its height their number, its whisker the range from the smallest to the largest; every configuration sits at its "
            + "simplex level (dashed), which Theorem 2 predicts at equality.\n\n"
            + "Files: `fig6.png`, `fig6.svg`, `fig6_exact_trace.csv`, `fig6_sgd_checkpoints.csv`, `fig6_histogram.csv`, "
            + "`fig6_final_configuration.csv`, `manifest.json`.\n";
        return new Section("Fig. 6: the SC loss over all batches meets the Theorem 2 bound", md, cmp);
    }

    /**
     * Runs exact gradient descent and SGD from the same seeded start, then groups the batch losses at the
     * end of the exact descent by label configuration, all on the context's enumeration engine.
     *
     * @param ctx where and how
     * @return what the figure shows
     */
    static Outcome compute(Context ctx) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(CLASSES, PER_CLASS, BATCH, RHO2);
        int[] labels = ScSimulation.balancedLabels(CLASSES, PER_CLASS);
        ScSimulation.Settings exactSettings = new ScSimulation.Settings(CLASSES, PER_CLASS, DIM, BATCH, RHO2, ScMode.EXACT,
            ctx.quick() ? 40 : 2000, 0.1, 1e-13, ctx.seed());
        ScSimulation.Settings sgdSettings = new ScSimulation.Settings(CLASSES, PER_CLASS, DIM, BATCH, RHO2, ScMode.SAMPLED,
            ctx.quick() ? 2000 : 100_000, 1.0, 0, ctx.seed());
        String batches = batches(bound);
        try (Enumeration enumeration = Engines.enumeration(ctx.engine(), ctx.threads())) {
            EnumeratedScLoss loss = new EnumeratedScLoss(enumeration, labels, CLASSES, BATCH, DIM);
            ctx.progress("fig6", "exact gradient descent over all " + batches + " batches");
            ScSimulation.Result exact = ScSimulation.run(exactSettings, ScSimulation.initialPoints(exactSettings),
                new JavaScBatchGradient(), loss, (step, v, x) -> { });
            ctx.progress("fig6", "SGD on uniformly drawn batches, " + sgdSettings.steps() + " steps (the paper ran 100,000)");
            List<Integer> checkpoints = checkpoints(sgdSettings.steps());
            List<double[]> snapshots = new ArrayList<>();
            ScSimulation.Result sgd;
            try (ScBatchGradient sgdEngine = Engines.scBatch(ctx.engine(), ctx.threads(), BATCH, 2)) {
                sgd = ScSimulation.run(sgdSettings, ScSimulation.initialPoints(sgdSettings), sgdEngine, null, (step, v, x) -> {
                    if (checkpoints.contains(step)) {
                        snapshots.add(x.clone());
                    }
                });
            }
            List<double[]> sgdCurve = new ArrayList<>();
            for (int i = 0; i < snapshots.size(); i++) {
                sgdCurve.add(new double[] {checkpoints.get(i), loss.meanLossAndGradient(snapshots.get(i), null)});
            }
            double sgdFinal = loss.meanLossAndGradient(sgd.points(), null);
            ctx.progress("fig6", "batch-wise losses of all " + batches + " batches at convergence, by label configuration");
            LossHistogram histogram = enumeration.enumerate(
                new EnumerationProblem(Points.rows(exact.points(), DIM), labels, CLASSES, BATCH),
                new EnumerationRequest(false, true, null)).histogram();
            return new Outcome(bound, exact, sgdSettings, sgdCurve, sgdFinal, histogram,
                LabelConfiguration.enumerate(bound, MAX_CONFIGURATIONS), exact.engine());
        }
    }

    /**
     * @param bound a Theorem 2 setting
     * @return its number of multiset batches {@code |𝔅| = C(N+b-1, b)}, with thousands separators
     */
    private static String batches(SupervisedContrastiveBound bound) {
        return String.format(Locale.ROOT, "%,d", bound.batchCount());
    }

    /**
     * Draws the two panels.
     *
     * @param o what to draw
     * @return the figure
     */
    static Figure figure(Outcome o) {
        double meanBound = o.bound().meanBound();
        XYChart left = Charts.xy("Mean batch loss − Theorem 2 bound", "step (SGD: iterations; log scale)",
            "L_SC/|𝔅| − bound (log scale)");
        left.getStyler().setXAxisLogarithmic(true);
        left.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        List<double[]> exactCurve = new ArrayList<>();
        for (int i = 0; i < o.exact().trace().size(); i++) {
            exactCurve.add(new double[] {o.exact().trace().step(i) + 1, o.exact().trace().value(i)});
        }
        addGap(left, "exact descent (all batches), step+1", exactCurve, meanBound, Charts.classColor(0));
        addGap(left, "SGD (sampled batches, as the paper)", o.sgdCurve(), meanBound, Charts.classColor(1));
        Charts.logYWithDecadeGrid(left);
        return new Figure("Fig. 6: K = " + CLASSES + ", n = " + PER_CLASS + " on the unit circle, b = " + BATCH + ", all "
            + o.batches() + " multiset batches", 2, 520, 380, List.of(left, histogram(o)), List.of(
                String.format(Locale.ROOT, "final: exact %.7f, SGD %.7f; bound %.7f (paper 12.12016 vs 12.12015)",
                    o.exact().trace().last(), o.sgdFinal(), meanBound),
                "bar: mean and number of batches; whisker: min to max; dashed: simplex"));
    }

    /**
     * @param steps the SGD run's length
     * @return the steps at which the SGD iterate is kept, spaced geometrically from 1 to {@code steps}
     */
    private static List<Integer> checkpoints(int steps) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i <= CHECKPOINTS; i++) {
            int s = (int) Math.round(Math.pow(steps, (double) i / CHECKPOINTS));
            if (!c.contains(s)) {
                c.add(s);
            }
        }
        return c;
    }

    /** Adds the gap {@code loss − bound} of a curve, leaving out points within 1e-15 of the bound (off a log axis). */
    private static void addGap(XYChart chart, String name, List<double[]> curve, double bound, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double[] p : curve) {
            if (p[1] - bound > 1e-15) {
                x.add(p[0]);
                y.add(p[1] - bound);
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f));
    }

    /** The theory's record of the histogram group's configuration (same counts). */
    private static LabelConfiguration configuration(Outcome o, LossHistogram.Group g) {
        for (LabelConfiguration c : o.configurations()) {
            if (c.label().equals(g.label())) {
                return c;
            }
        }
        throw new IllegalStateException("the enumeration found configuration " + g.label() + ", which the theory lacks");
    }

    /**
     * One bar per label configuration at the mean loss of its batches, as high as their number, with a
     * whisker from the smallest to the largest loss, and a dashed line at the configuration's loss at the simplex.
     */
    private static XYChart histogram(Outcome o) {
        XYChart c = Charts.xy("Batch losses at convergence, by label configuration", "batch loss ℓ_SC", "number of batches");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double top = 0;
        int colour = 0;
        for (LossHistogram.Group g : o.histogram().groups()) {
            Color col = Charts.categoryColor(colour++);
            XYSeries bar = c.addSeries(g.label(), new double[] {g.meanLoss(), g.meanLoss()}, new double[] {0, g.batches()});
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(col);
            bar.setLineStyle(new BasicStroke(5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            XYSeries whisker = c.addSeries("range " + g.label(), new double[] {g.minLoss(), g.maxLoss()},
                new double[] {g.batches(), g.batches()});
            whisker.setMarker(SeriesMarkers.NONE);
            whisker.setLineColor(col);
            whisker.setLineStyle(new BasicStroke(1.5f));
            whisker.setShowInLegend(false);
            top = Math.max(top, g.batches());
        }
        for (LossHistogram.Group g : o.histogram().groups()) {
            double level = configuration(o, g).lossAtSimplex();
            XYSeries dashed = c.addSeries("simplex " + g.label(), new double[] {level, level}, new double[] {0, top * 1.05});
            dashed.setMarker(SeriesMarkers.NONE);
            dashed.setLineColor(new Color(60, 60, 60));
            dashed.setLineStyle(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
            dashed.setShowInLegend(false);
        }
        return c;
    }
}
