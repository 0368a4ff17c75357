package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    @Override
    public String name() {
        return "fig4";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        OutputFolder out = ctx.folder(name());
        int points = ctx.quick() ? 8 : 13;
        int steps = ctx.quick() ? 300 : 20000;
        double[] lambdas = new double[points];
        List<List<?>> rows = new ArrayList<>();
        double[] norms = new double[points];
        double[] losses = new double[points];
        double worstNorm = 0;
        double worstGap = 0;
        double seconds = 0;
        RanOn engineUsed = null;
        try (CeGradient engine = Engines.crossEntropy(ctx.engine(), ctx.threads(), 300, 3, 2)) {
            for (int i = 0; i < points; i++) {
                lambdas[i] = Math.pow(10, -3 + 3.0 * i / (points - 1));
                ctx.progress(name(), String.format(java.util.Locale.ROOT, "lambda %d/%d = %.4g", i + 1, points, lambdas[i]));
                CeSimulation.Settings s = new CeSimulation.Settings(3, 100, 2, 1.0, lambdas[i], false, steps, 0.1, 1e-13, ctx.seed());
                CeSimulation.Result r = CeSimulation.run(s, engine, StepListener.NONE);
                engineUsed = r.engine();
                seconds += r.seconds();
                double[][] w = Points.rows(r.weights(), 2);
                for (double[] row : w) {
                    norms[i] += Vectors.norm(row) / w.length;
                }
                losses[i] = r.loss();
                PenalizedBound b = CrossEntropyBounds.corollary2(3, 1.0, lambdas[i]);
                worstNorm = Math.max(worstNorm, Math.abs(norms[i] / b.rW() - 1));
                worstGap = Math.max(worstGap, losses[i] - b.bound());
                rows.add(List.of(lambdas[i], b.rW(), norms[i], b.bound(), losses[i], losses[i] - b.bound(), r.steps()));
            }
        }
        int dense = 200;
        double[] grid = new double[dense];
        double[] rW = new double[dense];
        double[] bound = new double[dense];
        for (int i = 0; i < dense; i++) {
            grid[i] = Math.pow(10, -3 + 3.0 * i / (dense - 1));
            PenalizedBound b = CrossEntropyBounds.corollary2(3, 1.0, grid[i]);
            rW[i] = b.rW();
            bound[i] = b.bound();
        }
        XYChart left = curveAndMarkers("Weight norm", "λ (log scale)", "‖w_y‖", grid, rW, "r_W(1, λ) (Corollary 2)",
            lambdas, norms, "observed mean ‖w_y‖");
        XYChart right = curveAndMarkers("Regularised loss", "λ (log scale)", "L_CE + λ‖W‖²_F", grid, bound,
            "Corollary 2 bound", lambdas, losses, "observed loss");
        right.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        Figure fig = new Figure("Fig. 4: CE with L2 penalty, K = 3, 100 points per class, ‖z‖ ≤ 1", 2, 440, 330,
            List.of(left, right), List.of("max |mean ‖w‖ / r_W − 1| = " + String.format(java.util.Locale.ROOT, "%.2e", worstNorm),
                "max (loss − bound) = " + String.format(java.util.Locale.ROOT, "%.2e", worstGap)));
        fig.writePng(out.file("fig4.png"), 2);
        fig.writeSvg(out.file("fig4.svg"));
        out.writeCsv("fig4.csv", List.of("lambda", "rW_theory", "mean_weight_norm", "bound", "loss", "gap", "steps"), rows);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("classes", 3);
        manifest.put("perClass", 100);
        manifest.put("rho", 1.0);
        manifest.put("lambdas", lambdas);
        manifest.put("maxSteps", steps);
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", engineUsed);
        manifest.put("seconds", seconds);
        out.writeManifest(manifest);
        String note = points + " values of λ, seed " + ctx.seed() + ", engine " + engineUsed + ", "
            + OutputFolder.fixed(seconds, 1) + " s";
        List<Comparison> cmp = List.of(
            new Comparison("Fig. 4 left: max relative deviation of mean ‖w_y‖ from r_W(1, λ), λ ∈ [1e-3, 1]", "agreement (plot)",
                "0", String.format(java.util.Locale.ROOT, "%.2e", worstNorm), note),
            new Comparison("Fig. 4 right: max (regularised loss − Corollary 2 bound), λ ∈ [1e-3, 1]", "agreement (plot)", "0",
                String.format(java.util.Locale.ROOT, "%.2e", worstGap), note));
        String md = "![Fig. 4](fig4/fig4.png)\n\nThe CE toy problem of Fig. 1 for " + points + " values of λ, log-spaced over "
            + "[1e-3, 1]; each run minimises CE + λ‖W‖²_F over W and the points (‖z‖ ≤ 1) from the same seeded start. "
            + "Curves: Corollary 2 (r_W solved to full precision); markers: the descent's result. Files: `fig4.png`, "
            + "`fig4.svg`, `fig4.csv`, `manifest.json`.\n";
        return new Section("Fig. 4: r_W(ρ, λ) and the Corollary 2 bound across λ", md, cmp);
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
