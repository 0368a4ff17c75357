package org.dissect.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.dissect.descent.CeGradient;
import org.dissect.descent.CeSimulation;
import org.dissect.descent.Engines;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import org.dissect.theory.SupervisedContrastiveBound;
import org.knowm.xchart.XYChart;

/**
 * Fig. 1: three classes of 100 points in 2-D. Top: SC over the points on the circle (ρ² = 5, one batch
 * holding all 300 points); bottom: CE + λ‖W‖_F² over W and the points in the unit disc (λ = 0.01). Six
 * snapshots along each descent, the loss under each panel, weights drawn as rays.
 */
final class Fig1Stage implements Stage {
    static final int CLASSES = 3;
    static final int PER_CLASS = 100;
    static final double SC_RHO2 = 5.0;
    static final double CE_LAMBDA = 0.01;
    private static final int SNAPSHOTS = 6;

    @Override
    public String name() {
        return "fig1";
    }

    /**
     * What the figure shows, computed.
     *
     * @param sc the SC descent over the points on the circle of radius √{@link #SC_RHO2}
     * @param scSnapshots {@link #SNAPSHOTS} of its iterates
     * @param ce the CE + λ‖W‖² descent over W and the points in the unit disc
     * @param ceSettings its settings (to split an iterate into points and weights)
     * @param ceSnapshots {@link #SNAPSHOTS} of its iterates
     * @param maxSteps the step limit of both descents
     */
    record Outcome(ScSimulation.Result sc, List<Snapshots.Snapshot> scSnapshots, CeSimulation.Result ce,
                   CeSimulation.Settings ceSettings, List<Snapshots.Snapshot> ceSnapshots, int maxSteps) {
    }

    @Override
    public Section run(Context ctx) throws Exception {
        Outcome o = compute(ctx);
        OutputFolder out = ctx.folder(name());
        ScSimulation.Result scRun = o.sc();
        CeSimulation.Result ceRun = o.ce();
        int[] labels = scRun.labels();
        Figure fig = figure(o);
        fig.writePng(out.file("fig1.png"), 2);
        fig.writeSvg(out.file("fig1.svg"));
        List<List<?>> rows = new ArrayList<>();
        for (Snapshots.Snapshot s : o.scSnapshots()) {
            addRows(rows, "sc", s.step(), s.value() / labels.length, scPoints(s), labels, null);
        }
        for (Snapshots.Snapshot s : o.ceSnapshots()) {
            addRows(rows, "ce", s.step(), s.value(), CeSimulation.pointsOf(o.ceSettings(), s.x()), labels,
                CeSimulation.weightsOf(o.ceSettings(), s.x()));
        }
        out.writeCsv("fig1_snapshots.csv", List.of("row", "step", "loss", "kind", "index", "label", "x", "y"), rows);
        out.writeCsv("fig1_sc_trace.csv", List.of("step", "loss_per_anchor"), trace(scRun.trace(), labels.length));
        out.writeCsv("fig1_ce_trace.csv", List.of("step", "loss"), trace(ceRun.trace(), 1));

        double scFinal = scRun.trace().last() / labels.length;
        double scTheory = new SupervisedContrastiveBound(CLASSES, PER_CLASS, labels.length, SC_RHO2).classLevel(PER_CLASS)
            * CLASSES / labels.length;
        PenalizedBound bound = CrossEntropyBounds.corollary2(CLASSES, 1.0, CE_LAMBDA);
        double paperLambda = new BrentSolver(1e-14).solve(200,
            l -> CrossEntropyBounds.corollary2(CLASSES, 1.0, l).bound() - 0.265, 1e-3, 0.1);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("classes", CLASSES);
        manifest.put("perClass", PER_CLASS);
        manifest.put("dim", 2);
        manifest.put("scRho2", SC_RHO2);
        manifest.put("ceRho", 1.0);
        manifest.put("ceLambda", CE_LAMBDA);
        manifest.put("maxSteps", o.maxSteps());
        manifest.put("seed", ctx.seed());
        manifest.put("quick", ctx.quick());
        manifest.put("engine", scRun.engine());
        manifest.put("scSteps", scRun.steps());
        manifest.put("ceSteps", ceRun.steps());
        manifest.put("seconds", scRun.seconds() + ceRun.seconds());
        out.writeManifest(manifest);

        String note = "seed " + ctx.seed() + ", engine " + scRun.engine() + ", " + scRun.steps() + " steps, "
            + OutputFolder.fixed(scRun.seconds(), 1) + " s";
        List<Comparison> cmp = List.of(
            new Comparison("Fig. 1 top: final SC loss per anchor (K=3, 100/class, ρ²=5, one batch of all points)", "4.596",
                OutputFolder.fixed(scTheory, 5), OutputFolder.fixed(scFinal, 5), note),
            new Comparison("Fig. 1 bottom: final CE + λ‖W‖² (K=3, 100/class, ρ=1, λ=0.01)", "0.265 (λ not stated)",
                OutputFolder.fixed(bound.bound(), 5) + " (Cor. 2)", OutputFolder.fixed(ceRun.loss(), 5),
                "seed " + ctx.seed() + ", engine " + ceRun.engine() + ", " + ceRun.steps() + " steps; the Cor. 2 bound equals 0.265 at λ = "
                    + OutputFolder.fixed(paperLambda, 4)));
        String md = "![Fig. 1](fig1/fig1.png)\n\n"
            + "Top: SC minimised over the points on the circle of radius √5 (τ = 0.2), one batch holding all 300 points, "
            + "uniform initialisation; the per-anchor loss at the simplex is log(99 + 200·e^(−7.5)) = "
            + OutputFolder.fixed(scTheory, 5) + ". Bottom: CE + λ‖W‖_F² over W and the points in the unit disc with λ = "
            + CE_LAMBDA + " (the paper does not state its λ); Corollary 2 gives " + OutputFolder.fixed(bound.bound(), 5)
            + " with r_W = " + OutputFolder.fixed(bound.rW(), 5) + ". Snapshots are spaced geometrically in the step count; "
            + "the descent is monotone (Barzilai-Borwein steps with Armijo backtracking), so it needs far fewer steps than "
            + "the paper's plain gradient descent.\n\nFiles: `fig1.png`, `fig1.svg`, `fig1_snapshots.csv`, `fig1_sc_trace.csv`, "
            + "`fig1_ce_trace.csv`, `manifest.json`.\n";
        return new Section("Fig. 1: collapse of SC and CE in two dimensions", md, cmp);
    }

    /**
     * Runs both descents from seeded starts and keeps {@link #SNAPSHOTS} iterates of each.
     *
     * @param ctx where and how
     * @return the runs and their snapshots
     */
    static Outcome compute(Context ctx) {
        int steps = ctx.quick() ? 60 : 5000;
        ctx.progress("fig1", "SC, one batch of all 300 points on the circle (rho^2 = 5), up to " + steps + " steps");
        ScSimulation.Settings sc = new ScSimulation.Settings(CLASSES, PER_CLASS, 2, 0, SC_RHO2, ScMode.FULL, steps, 0.1, 1e-13,
            ctx.seed());
        Snapshots scSnaps = new Snapshots();
        ScSimulation.Result scRun;
        try (ScBatchGradient engine = Engines.scBatch(ctx.engine(), ctx.threads(), sc.effectiveBatch(), sc.dim())) {
            scRun = ScSimulation.run(sc, ScSimulation.initialPoints(sc), engine, null, scSnaps);
        }
        ctx.progress("fig1", "CE + lambda ||W||^2 in the unit disc (lambda = " + CE_LAMBDA + "), up to " + steps + " steps");
        CeSimulation.Settings ce = new CeSimulation.Settings(CLASSES, PER_CLASS, 2, 1.0, CE_LAMBDA, false, steps, 0.1, 1e-13,
            ctx.seed());
        Snapshots ceSnaps = new Snapshots();
        CeSimulation.Result ceRun;
        try (CeGradient engine = Engines.crossEntropy(ctx.engine(), ctx.threads(), ce.size(), ce.classes(), ce.dim())) {
            ceRun = CeSimulation.run(ce, engine, ceSnaps);
        }
        return new Outcome(scRun, scSnaps.pick(SNAPSHOTS), ceRun, ce, ceSnaps.pick(SNAPSHOTS), steps);
    }

    /**
     * Draws the SC snapshots (top row) and the CE snapshots with the weights as rays (bottom row).
     *
     * @param o the runs
     * @return the figure
     */
    static Figure figure(Outcome o) {
        int[] labels = o.sc().labels();
        double rW = CrossEntropyBounds.rW(CLASSES, 1.0, CE_LAMBDA);
        List<XYChart> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Snapshots.Snapshot s : o.scSnapshots()) {
            panels.add(Panels.circle("SC, step " + s.step(), scPoints(s), labels, CLASSES, null));
            captions.add("L_SC / N = " + OutputFolder.fixed(s.value() / labels.length, 4));
        }
        for (Snapshots.Snapshot s : o.ceSnapshots()) {
            double[] rays = CeSimulation.weightsOf(o.ceSettings(), s.x());
            for (int i = 0; i < rays.length; i++) {
                rays[i] /= rW;
            }
            panels.add(Panels.circle("CE, step " + s.step(), CeSimulation.pointsOf(o.ceSettings(), s.x()), labels, CLASSES, rays));
            captions.add("L_CE + λ‖W‖² = " + OutputFolder.fixed(s.value(), 4));
        }
        return new Figure("Fig. 1: SC on the circle (top, ρ² = 5) and CE + λ‖W‖²  in the disc (bottom, λ = 0.01); "
            + "weights as rays of length ‖w‖/r_W", SNAPSHOTS, 260, 260, panels, captions);
    }

    /** An SC snapshot's points scaled from the circle of radius √ρ² to the unit circle. */
    private static double[] scPoints(Snapshots.Snapshot s) {
        double scale = 1 / Math.sqrt(SC_RHO2);
        double[] z = s.x().clone();
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
        }
        return z;
    }

    private static void addRows(List<List<?>> rows, String kind, int step, double loss, double[] z, int[] labels, double[] w) {
        for (int n = 0; n < labels.length; n++) {
            rows.add(List.of(rows.size(), step, loss, kind, n, labels[n], z[2 * n], z[2 * n + 1]));
        }
        if (w != null) {
            for (int y = 0; y < w.length / 2; y++) {
                rows.add(List.of(rows.size(), step, loss, "weight", y, y, w[2 * y], w[2 * y + 1]));
            }
        }
    }

    static List<List<?>> trace(org.dissect.descent.LossTrace t, double divisor) {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            rows.add(List.of(t.step(i), t.value(i) / divisor));
        }
        return rows;
    }
}
