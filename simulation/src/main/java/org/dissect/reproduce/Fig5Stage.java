package org.dissect.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dissect.descent.Descent;
import org.dissect.descent.Engines;
import org.dissect.engine.RanOn;
import org.dissect.descent.OnSphere;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScSimulation;
import org.dissect.descent.StepListener;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.theory.LabelConfiguration;
import org.dissect.theory.SupervisedContrastiveBound;
import org.knowm.xchart.XYChart;

/**
 * Fig. 5: b = 9, K = 3 on the unit circle: the minimiser of one batch's SC loss for several label
 * configurations. Each configuration's batch is 9 free points with the given class counts; the best of
 * a few seeded restarts of the monotone descent is shown next to the loss the same batch has when the
 * classes sit on the simplex. The minimisers differ, so no configuration minimises every batch at once.
 */
final class Fig5Stage implements Stage {
    static final int[][] CONFIGURATIONS = {{7, 2, 0}, {6, 2, 1}, {5, 3, 1}, {4, 4, 1}, {7, 1, 1}, {5, 2, 2}, {3, 3, 3}};
    private static final int BATCH = 9;

    @Override
    public String name() {
        return "fig5";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        OutputFolder out = ctx.folder(name());
        int restarts = ctx.quick() ? 2 : 8;
        int steps = ctx.quick() ? 200 : 5000;
        SupervisedContrastiveBound levels = new SupervisedContrastiveBound(3, 1, BATCH, 1.0);
        List<XYChart> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<List<?>> rows = new ArrayList<>();
        List<Comparison> cmp = new ArrayList<>();
        RanOn engineUsed;
        StringBuilder table = new StringBuilder("| configuration | minimised batch loss | loss at the simplex |\n|---|---|---|\n");
        try (ScBatchGradient engine = Engines.scBatch(ctx.engine(), ctx.threads(), BATCH, 2)) {
            engineUsed = engine.engine();
            for (int[] counts : CONFIGURATIONS) {
                String label = LabelConfiguration.label(counts);
                ctx.progress(name(), "configuration " + label + ", " + restarts + " restarts");
                int[] labels = new int[BATCH];
                int[] all = new int[BATCH];
                int n = 0;
                for (int y = 0; y < 3; y++) {
                    for (int c = 0; c < counts[y]; c++) {
                        labels[n++] = y;
                    }
                }
                for (int i = 0; i < BATCH; i++) {
                    all[i] = i;
                }
                OnSphere f = new OnSphere((z, g) -> engine.lossAndGradient(z, 2, labels, all, g), 2, 1.0);
                double best = Double.POSITIVE_INFINITY;
                double[] bestZ = null;
                for (int r = 0; r < restarts; r++) {
                    double[] z = Points.uniformOnSphere(BATCH, 2, 1.0, ScSimulation.stream(ctx.seed() + 1000L * r));
                    Descent.Outcome o = new Descent(steps, 0.1, 1e-14).minimise(f, z, StepListener.NONE);
                    if (o.value() < best) {
                        best = o.value();
                        bestZ = z;
                    }
                }
                double simplex = levels.classLevel(counts[0]) + levels.classLevel(counts[1]) + levels.classLevel(counts[2]);
                panels.add(Panels.circle(label, bestZ, labels, 3, null));
                captions.add("loss " + OutputFolder.fixed(best, 3) + " (simplex " + OutputFolder.fixed(simplex, 3) + ")");
                for (int i = 0; i < BATCH; i++) {
                    rows.add(List.of(label, i, labels[i], bestZ[2 * i], bestZ[2 * i + 1], best, simplex));
                }
                table.append("| ").append(label).append(" | ").append(OutputFolder.fixed(best, 6)).append(" | ")
                    .append(OutputFolder.fixed(simplex, 6)).append(" |\n");
            }
        }
        Figure fig = new Figure("Fig. 5: minimisers of a single batch's SC loss, b = 9, K = 3, on the unit circle", 4, 250, 250,
            panels, captions);
        fig.writePng(out.file("fig5.png"), 2);
        fig.writeSvg(out.file("fig5.svg"));
        out.writeCsv("fig5.csv", List.of("configuration", "index", "label", "x", "y", "batch_loss", "simplex_loss"), rows);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("batch", BATCH);
        manifest.put("rho", 1.0);
        manifest.put("configurations", CONFIGURATIONS);
        manifest.put("restarts", restarts);
        manifest.put("maxSteps", steps);
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", engineUsed);
        out.writeManifest(manifest);
        String md = "![Fig. 5](fig5/fig5.png)\n\nEach panel minimises the SC loss of ONE batch of 9 points with the given class "
            + "counts over the unit circle (best of " + restarts + " seeded restarts). Where a configuration is unbalanced "
            + "its minimiser is not the simplex and its loss goes below the simplex level: the configurations pull "
            + "in different directions, which is why Theorem 2 is a statement about the sum over all batches.\n\n" + table
            + "\nFiles: `fig5.png`, `fig5.svg`, `fig5.csv`, `manifest.json`.\n";
        return new Section("Fig. 5: single-batch minimisers differ by label configuration", md, cmp);
    }
}
