package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dissect.descent.CeGradient;
import org.dissect.descent.CeSimulation;
import org.dissect.descent.Engines;
import org.dissect.engine.RanOn;
import org.dissect.descent.Points;
import org.dissect.descent.StepListener;
import org.dissect.report.Charts;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import org.dissect.theory.Vectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig. 4: the CE toy problem of Fig. 1 (K = 3, 100 points per class, unit disc) over a log-spaced sweep
 * of λ in [1e-3, 1]. Left: {@code r_W(1, λ)} of Corollary 2 against the observed mean weight norm; right:
 * the Corollary 2 bound against the observed regularised loss.
 */
final class Fig4Stage implements Stage {
    static final int CLASSES = 3;
    static final int PER_CLASS = 100;
    static final double RHO = 1.0;
    /** λ runs over [10^LOG_LAMBDA_MIN, 1], log-spaced. */
    private static final int LOG_LAMBDA_MIN = -3;
    /** Points of the Corollary 2 curves. */
    private static final int CURVE_POINTS = 200;

    /**
     * One descent of the sweep.
     *
     * @param lambda λ
     * @param bound Corollary 2 at (ρ, λ): {@code r_W} and the bound
     * @param meanWeightNorm the mean of {@code ‖w_y‖} over the classes at the end of the descent
     * @param loss the regularised loss there
     * @param steps the descent's steps
     */
    record Run(double lambda, PenalizedBound bound, double meanWeightNorm, double loss, int steps) {
    }

    /**
     * What the figure shows, computed.
     *
     * @param runs one descent per λ, in increasing λ
     * @param maxSteps the step limit of each descent
     * @param engine the descent engine that ran
     * @param seconds the descents' total time
     */
    record Outcome(List<Run> runs, int maxSteps, RanOn engine, double seconds) {
        /** @return {@code max |mean ‖w_y‖ / r_W − 1|} over the sweep */
        double worstNorm() {
            return runs.stream().mapToDouble(r -> Math.abs(r.meanWeightNorm() / r.bound().rW() - 1)).max().orElse(Double.NaN);
        }

        /** @return {@code max (loss − bound)} over the sweep */
        double worstGap() {
            return runs.stream().mapToDouble(r -> r.loss() - r.bound().bound()).max().orElse(Double.NaN);
        }
    }

    @Override
    public String name() {
        return "fig4";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        Outcome o = compute(ctx);
        OutputFolder out = ctx.folder(name());
        Figure fig = figure(o);
        fig.writePng(out.file("fig4.png"), 2);
        fig.writeSvg(out.file("fig4.svg"));
        List<List<?>> rows = new ArrayList<>();
        for (Run r : o.runs()) {
            rows.add(List.of(r.lambda(), r.bound().rW(), r.meanWeightNorm(), r.bound().bound(), r.loss(),
                r.loss() - r.bound().bound(), r.steps()));
        }
        out.writeCsv("fig4.csv", List.of("lambda", "rW_theory", "mean_weight_norm", "bound", "loss", "gap", "steps"), rows);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("classes", CLASSES);
        manifest.put("perClass", PER_CLASS);
        manifest.put("rho", RHO);
        manifest.put("lambdas", o.runs().stream().mapToDouble(Run::lambda).toArray());
        manifest.put("maxSteps", o.maxSteps());
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", o.engine());
        manifest.put("seconds", o.seconds());
        out.writeManifest(manifest);
        int points = o.runs().size();
        String note = points + " values of λ, seed " + ctx.seed() + ", engine " + o.engine() + ", "
            + OutputFolder.fixed(o.seconds(), 1) + " s";
        List<Comparison> cmp = List.of(
            new Comparison("Fig. 4 left: max relative deviation of mean ‖w_y‖ from r_W(1, λ), λ ∈ [1e-3, 1]", "agreement (plot)",
                "0", String.format(Locale.ROOT, "%.2e", o.worstNorm()), note),
            new Comparison("Fig. 4 right: max (regularised loss − Corollary 2 bound), λ ∈ [1e-3, 1]", "agreement (plot)", "0",
                String.format(Locale.ROOT, "%.2e", o.worstGap()), note));
        String md = "![Fig. 4](fig4/fig4.png)\n\nThe CE toy problem of Fig. 1 for " + points + " values of λ, log-spaced over "
            + "[1e-3, 1]; each run minimises CE + λ‖W‖²_F over W and the points (‖z‖ ≤ 1) from the same seeded start. "
            + "Curves: Corollary 2 (r_W solved to full precision); markers: the descent's result. Files: `fig4.png`, "
            + "`fig4.svg`, `fig4.csv`, `manifest.json`.\n";
        return new Section("Fig. 4: r_W(ρ, λ) and the Corollary 2 bound across λ", md, cmp);
    }

    /**
     * Runs one CE + λ‖W‖² descent per λ of the sweep, all from the same seeded start.
     *
     * @param ctx where and how
     * @return the sweep
     */
    static Outcome compute(Context ctx) {
        int points = ctx.quick() ? 8 : 13;
        int steps = ctx.quick() ? 300 : 20000;
        List<Run> runs = new ArrayList<>();
        double seconds = 0;
        RanOn engineUsed = null;
        try (CeGradient engine = Engines.crossEntropy(ctx.engine(), ctx.threads(), CLASSES * PER_CLASS, CLASSES, 2)) {
            for (int i = 0; i < points; i++) {
                double lambda = Math.pow(10, LOG_LAMBDA_MIN - LOG_LAMBDA_MIN * (double) i / (points - 1));
                ctx.progress("fig4", String.format(Locale.ROOT, "lambda %d/%d = %.4g", i + 1, points, lambda));
                CeSimulation.Settings s = new CeSimulation.Settings(CLASSES, PER_CLASS, 2, RHO, lambda, false, steps, 0.1, 1e-13,
                    ctx.seed());
                CeSimulation.Result r = CeSimulation.run(s, engine, StepListener.NONE);
                engineUsed = r.engine();
                seconds += r.seconds();
                double[][] w = Points.rows(r.weights(), 2);
                double norm = 0;
                for (double[] row : w) {
                    norm += Vectors.norm(row) / w.length;
                }
                runs.add(new Run(lambda, CrossEntropyBounds.corollary2(CLASSES, RHO, lambda), norm, r.loss(), r.steps()));
            }
        }
        return new Outcome(runs, steps, engineUsed, seconds);
    }

    /**
     * Draws the Corollary 2 curves and the sweep's markers.
     *
     * @param o the sweep
     * @return the figure
     */
    static Figure figure(Outcome o) {
        double[] grid = new double[CURVE_POINTS];
        double[] rW = new double[CURVE_POINTS];
        double[] bound = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            grid[i] = Math.pow(10, LOG_LAMBDA_MIN - LOG_LAMBDA_MIN * (double) i / (CURVE_POINTS - 1));
            PenalizedBound b = CrossEntropyBounds.corollary2(CLASSES, RHO, grid[i]);
            rW[i] = b.rW();
            bound[i] = b.bound();
        }
        double[] lambdas = o.runs().stream().mapToDouble(Run::lambda).toArray();
        XYChart left = curveAndMarkers("Weight norm", "λ (log scale)", "‖w_y‖", grid, rW, "r_W(1, λ) (Corollary 2)",
            lambdas, o.runs().stream().mapToDouble(Run::meanWeightNorm).toArray(), "observed mean ‖w_y‖");
        XYChart right = curveAndMarkers("Regularised loss", "λ (log scale)", "L_CE + λ‖W‖²_F", grid, bound,
            "Corollary 2 bound", lambdas, o.runs().stream().mapToDouble(Run::loss).toArray(), "observed loss");
        right.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        return new Figure("Fig. 4: CE with L2 penalty, K = " + CLASSES + ", " + PER_CLASS + " points per class, ‖z‖ ≤ 1", 2, 440,
            330, List.of(left, right), List.of("max |mean ‖w‖ / r_W − 1| = " + String.format(Locale.ROOT, "%.2e", o.worstNorm()),
                "max (loss − bound) = " + String.format(Locale.ROOT, "%.2e", o.worstGap())));
    }

    private static XYChart curveAndMarkers(String title, String xTitle, String yTitle, double[] x, double[] y, String curve,
                                          double[] mx, double[] my, String markers) {
        XYChart c = Charts.xy(title, xTitle, yTitle);
        c.getStyler().setXAxisLogarithmic(true);
        XYSeries line = c.addSeries(curve, x, y);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Charts.classColor(0));
        line.setLineStyle(new BasicStroke(2f));
        XYSeries dots = c.addSeries(markers, mx, my);
        dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        dots.setMarker(SeriesMarkers.CIRCLE);
        dots.setMarkerColor(Charts.classColor(1));
        return c;
    }
}
