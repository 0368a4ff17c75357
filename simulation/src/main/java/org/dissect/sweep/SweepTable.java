package org.dissect.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's results as rows and maps: the CSV columns and the JSON fields of each cell, and the verdict's tally.
 * NaN (no bound, an undefined angle) becomes an empty CSV cell and a JSON {@code null}. The CSV holds no timing,
 * so that the same sweep gives the same file on any number of threads or machines.
 */
public final class SweepTable {
    /** The CSV columns, in order. */
    public static final List<String> CSV_HEADER = List.of("cell", "loss", "classes", "classSizes", "dim", "batch", "rho2", "lambda",
        "mode", "restarts", "bestLoss", "medianLoss", "worstLoss", "bound", "gap", "balanced", "simplexExists", "batchAtLeast3",
        "hypothesesHold", "reachedBest", "reachedBound", "converged", "steps", "simplexDeviation", "withinClassSpread",
        "minAngle", "maxAngle", "minWeightAngle", "maxWeightAngle", "verdict", "classMeanGram");

    private SweepTable() {
    }

    /**
     * @param index the cell's position in the grid
     * @param r its result
     * @return its CSV row, matching {@link #CSV_HEADER}
     */
    public static List<Object> csvRow(int index, CellResult r) {
        Cell c = r.cell();
        return Arrays.asList(index, c.loss().label(), c.classes(), c.sizesText(), c.dim(), c.batch(), c.rho2(), c.lambda(),
            c.modeText(), c.restarts(), r.bestLoss(), r.medianLoss(), r.worstLoss(), blank(r.bound()), blank(r.gap()),
            c.balanced(), c.simplexExists(), c.batchAtLeastThree(), c.hypothesesHold(), r.reachedBest(), r.reachedBound(),
            r.converged(), r.steps(), blank(r.simplexDeviation()), blank(r.withinClassSpread()), blank(r.minAngle()),
            blank(r.maxAngle()), blank(r.minWeightAngle()), blank(r.maxWeightAngle()), r.verdict().key(),
            String.join(";", Arrays.stream(r.classMeanGram()).mapToObj(Double::toString).toList()));
    }

    /**
     * @param index the cell's position in the grid
     * @param r its result
     * @return its JSON fields (the keys of the README's table)
     */
    public static Map<String, Object> json(int index, CellResult r) {
        Cell c = r.cell();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", index);
        m.put("loss", c.loss().label());
        m.put("classes", c.classes());
        m.put("classSizes", c.classSizes());
        m.put("dim", c.dim());
        m.put("batch", c.loss() == Loss.CE ? null : c.batch());
        m.put("rho2", c.rho2());
        m.put("lambda", c.loss() == Loss.CE ? c.lambda() : null);
        m.put("mode", c.loss() == Loss.CE ? null : c.modeText());
        m.put("restarts", c.restarts());
        m.put("bestLoss", r.bestLoss());
        m.put("medianLoss", r.medianLoss());
        m.put("worstLoss", r.worstLoss());
        m.put("bound", nullable(r.bound()));
        m.put("boundSource", r.boundSource().isEmpty() ? null : r.boundSource());
        m.put("gap", nullable(r.gap()));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("balanced", c.balanced());
        h.put("simplexExists", c.simplexExists());
        h.put("batchAtLeast3", c.batchAtLeastThree());
        m.put("hypotheses", h);
        m.put("hypothesesHold", c.hypothesesHold());
        m.put("reachedBest", r.reachedBest());
        m.put("reachedBound", Double.isNaN(r.bound()) ? null : r.reachedBound());
        m.put("converged", r.converged());
        m.put("steps", r.steps());
        int k = c.classes();
        double[][] gram = new double[k][];
        for (int i = 0; i < k; i++) {
            gram[i] = Arrays.copyOfRange(r.classMeanGram(), i * k, (i + 1) * k);
        }
        m.put("classMeanGram", gram);
        m.put("simplexDeviation", nullable(r.simplexDeviation()));
        m.put("withinClassSpread", nullable(r.withinClassSpread()));
        m.put("minAngle", nullable(r.minAngle()));
        m.put("maxAngle", nullable(r.maxAngle()));
        if (c.loss() == Loss.CE) {
            m.put("minWeightAngle", nullable(r.minWeightAngle()));
            m.put("maxWeightAngle", nullable(r.maxWeightAngle()));
        }
        m.put("losses", r.losses());
        m.put("verdict", r.verdict().key());
        m.put("seconds", r.seconds());
        return m;
    }

    /**
     * @param results every cell's result, in grid order
     * @return {@code confirmed}, {@code stuck}, {@code belowBound}, {@code outside}: the cell numbers of each verdict
     */
    public static Map<String, List<Integer>> verdict(List<CellResult> results) {
        Map<String, List<Integer>> v = new LinkedHashMap<>();
        for (Verdict x : Verdict.values()) {
            v.put(x.key(), new ArrayList<>());
        }
        for (int i = 0; i < results.size(); i++) {
            v.get(results.get(i).verdict().key()).add(i);
        }
        return v;
    }

    /**
     * @param results every cell's result
     * @return one line per verdict with its count, e.g. {@code confirmed 12  stuck 1  belowBound 0  outside 3}
     */
    public static String tally(List<CellResult> results) {
        StringBuilder s = new StringBuilder();
        verdict(results).forEach((k, v) -> s.append(s.length() == 0 ? "" : "  ").append(k).append(' ').append(v.size()));
        return s.toString();
    }

    private static Object blank(double v) {
        return Double.isNaN(v) ? "" : v;
    }

    private static Double nullable(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
