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
    static final int BATCH = 9;
    static final int CLASSES = 3;

    @Override
    public String name() {
        return "fig5";
    }

    /**
     * The best minimiser found for one label configuration.
     *
     * @param counts the class counts of the batch
     * @param labels the batch's labels, class by class
     * @param points the minimiser, {@link #BATCH}·2 coordinates on the unit circle
     * @param loss its batch loss
     * @param simplexLoss the same batch's loss with the classes on the simplex
     */
    record Minimiser(int[] counts, int[] labels, double[] points, double loss, double simplexLoss) {
        /** @return the configuration as the paper writes it, e.g. {@code (7,2,0)} */
        String label() {
            return LabelConfiguration.label(counts);
        }
    }

    /**
     * What the figure shows, computed.
     *
     * @param minimisers one per configuration of {@link #CONFIGURATIONS}, in that order
     * @param restarts the seeded restarts per configuration
     * @param maxSteps the step limit of each descent
     * @param engine the SC batch-gradient engine that ran
     */
    record Outcome(List<Minimiser> minimisers, int restarts, int maxSteps, RanOn engine) {
    }

    @Override
    public Section run(Context ctx) throws Exception {
        Outcome o = compute(ctx);
        OutputFolder out = ctx.folder(name());
        Figure fig = figure(o);
        fig.writePng(out.file("fig5.png"), 2);
        fig.writeSvg(out.file("fig5.svg"));
        List<List<?>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| configuration | minimised batch loss | loss at the simplex |\n|---|---|---|\n");
        for (Minimiser m : o.minimisers()) {
            for (int i = 0; i < BATCH; i++) {
                rows.add(List.of(m.label(), i, m.labels()[i], m.points()[2 * i], m.points()[2 * i + 1], m.loss(), m.simplexLoss()));
            }
            table.append("| ").append(m.label()).append(" | ").append(OutputFolder.fixed(m.loss(), 6)).append(" | ")
                .append(OutputFolder.fixed(m.simplexLoss(), 6)).append(" |\n");
        }
        out.writeCsv("fig5.csv", List.of("configuration", "index", "label", "x", "y", "batch_loss", "simplex_loss"), rows);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("batch", BATCH);
        manifest.put("rho", 1.0);
        manifest.put("configurations", CONFIGURATIONS);
        manifest.put("restarts", o.restarts());
        manifest.put("maxSteps", o.maxSteps());
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", o.engine());
        out.writeManifest(manifest);
        String md = "![Fig. 5](fig5/fig5.png)\n\nEach panel minimises the SC loss of ONE batch of " + BATCH + " points with the given "
            + "class counts over the unit circle (best of " + o.restarts() + " seeded restarts). Where a configuration is "
            + "unbalanced its minimiser is not the simplex and its loss goes below the simplex level: the configurations pull "
            + "in different directions, which is why Theorem 2 is a statement about the sum over all batches.\n\n" + table
            + "\nFiles: `fig5.png`, `fig5.svg`, `fig5.csv`, `manifest.json`.\n";
        return new Section("Fig. 5: single-batch minimisers differ by label configuration", md, List.of());
    }

    /**
     * Minimises each configuration's batch loss over the unit circle from a few seeded starts.
     *
     * @param ctx where and how
     * @return the best minimiser per configuration
     */
    static Outcome compute(Context ctx) {
        int restarts = ctx.quick() ? 2 : 8;
        int steps = ctx.quick() ? 200 : 5000;
        SupervisedContrastiveBound levels = new SupervisedContrastiveBound(CLASSES, 1, BATCH, 1.0);
        List<Minimiser> minimisers = new ArrayList<>();
        try (ScBatchGradient engine = Engines.scBatch(ctx.engine(), ctx.threads(), BATCH, 2)) {
            for (int[] counts : CONFIGURATIONS) {
                ctx.progress("fig5", "configuration " + LabelConfiguration.label(counts) + ", " + restarts + " restarts");
                int[] labels = new int[BATCH];
                int[] all = new int[BATCH];
                int n = 0;
                for (int y = 0; y < CLASSES; y++) {
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
                double simplex = 0;
                for (int count : counts) {
                    simplex += levels.classLevel(count);
                }
                minimisers.add(new Minimiser(counts, labels, bestZ, best, simplex));
            }
            return new Outcome(minimisers, restarts, steps, engine.engine());
        }
    }

    /**
     * Draws one circle panel per configuration.
     *
     * @param o the minimisers
     * @return the figure
     */
    static Figure figure(Outcome o) {
        List<XYChart> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Minimiser m : o.minimisers()) {
            panels.add(Panels.circle(m.label(), m.points(), m.labels(), CLASSES, null));
            captions.add("loss " + OutputFolder.fixed(m.loss(), 3) + " (simplex " + OutputFolder.fixed(m.simplexLoss(), 3) + ")");
        }
        return new Figure("Fig. 5: minimisers of a single batch's SC loss, b = " + BATCH + ", K = " + CLASSES
            + ", on the unit circle", 4, 250, 250, panels, captions);
    }
}
