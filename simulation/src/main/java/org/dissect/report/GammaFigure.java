package org.dissect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.dissect.diagnostics.GammaDistributions;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The geometry panels of Fig. 7 of the paper for one or more encoders side by side (for instance CE,
 * CE-fix and SC trained on the same data): box plots of the three distributions of γ (Eq. 7,
 * {@link GammaDistributions}) — across distinct class means, across distinct classifier weights, and between
 * each feature and its class mean — with the value a regular simplex gives drawn as a red line:
 * {@code 1 - arccos(-1/(K-1))/π} in the first two panels, 1 ("collapsed to the class mean") in the third.
 *
 * <p>The weights panel is drawn when at least one encoder has weights, and shows those that have (an SC
 * encoder has no classifier of its own). Each box spans the quartiles with the median inside, whiskers reach
 * the furthest values within 1.5 interquartile ranges, values beyond them are dots ({@link Box}); the
 * caption under a panel gives the value of the red line. Undefined values (γ of a zero vector) are left out
 * and counted in the caption.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Figure f = GammaFigure.of("Fig. 7: digits", List.of(
 *     new GammaFigure.Encoder("CE", zCe, y, 10, wCe),
 *     new GammaFigure.Encoder("CE-fix", zFix, y, 10, wFix),
 *     new GammaFigure.Encoder("SC", zSc, y, 10, null)));
 * f.write(Path.of("fig7.png"));   // or .svg
 * }</pre>
 */
public final class GammaFigure {
    /** Width of one panel in points. */
    private static final int PANEL_WIDTH = 360;
    /** Height of one panel in points. */
    private static final int PANEL_HEIGHT = 300;
    /** Half the width of a box, in x units (one unit between encoders). */
    private static final double BOX = 0.28;
    /** Half the width of a whisker's cap. */
    private static final double CAP = 0.12;
    /** The simplex value's colour. */
    private static final Color RED = new Color(214, 39, 40);

    private GammaFigure() {
    }

    /**
     * One encoder's output on a data set: its name, its features and labels, and its classifier if it has one.
     *
     * @param name the label under its box (e.g. "CE", "CE-fix", "SC")
     * @param features N×h features as rows, finite (not modified, not copied)
     * @param labels N labels in {@code 0..K-1}, every class present (not modified, not copied)
     * @param classes K ≥ 2
     * @param weights K×h classifier weights (not modified, not copied), or null when the encoder has none
     */
    public record Encoder(String name, double[][] features, int[] labels, int classes, double[][] weights) {
        /**
         * @throws NullPointerException if the name, features or labels are null
         * @throws IllegalArgumentException if the name is blank
         */
        public Encoder {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(labels, "labels");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an encoder needs a name");
            }
        }

        /** @return the weights, if the encoder has a classifier */
        public Optional<double[][]> classifier() {
            return Optional.ofNullable(weights);
        }
    }

    /**
     * The figure: one row of two or three panels, one box per encoder in each.
     *
     * @param title the figure's title
     * @param encoders one or more encoders with distinct names and the same number of classes K
     * @return the figure, ready to {@link Figure#write}
     * @throws IllegalArgumentException if the list is empty, two names coincide, the encoders disagree on K,
     *     or an encoder's arrays are inconsistent ({@link GammaDistributions#of})
     */
    public static Figure of(String title, List<Encoder> encoders) {
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("the figure needs at least one encoder");
        }
        int classes = encoders.get(0).classes();
        List<String> names = new ArrayList<>();
        List<GammaDistributions> gammas = new ArrayList<>();
        for (Encoder e : encoders) {
            if (e.classes() != classes) {
                throw new IllegalArgumentException("encoder " + e.name() + " has K = " + e.classes() + ", encoder "
                    + encoders.get(0).name() + " has K = " + classes + ": the panels compare encoders on the same classes");
            }
            if (names.contains(e.name())) {
                throw new IllegalArgumentException("two encoders are named " + e.name());
            }
            names.add(e.name());
            gammas.add(GammaDistributions.of(e.features(), e.labels(), e.classes(), e.weights()));
        }
        double ideal = gammas.get(0).ideal();
        String simplex = String.format(Locale.ROOT, "red: regular simplex, 1 - arccos(-1/(K-1))/π = %.4f (K = %d)", ideal, classes);
        List<XYChart> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        List<double[]> toMeans = new ArrayList<>();
        List<String> weighted = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        for (int i = 0; i < gammas.size(); i++) {
            means.add(gammas.get(i).acrossMeans());
            toMeans.add(gammas.get(i).toMeans());
            if (gammas.get(i).acrossWeights().isPresent()) {
                weighted.add(names.get(i));
                weights.add(gammas.get(i).acrossWeights().get());
            }
        }
        panels.add(panel("γ across class means", names, means, ideal));
        captions.add(caption(simplex, names, means));
        if (!weighted.isEmpty()) {
            panels.add(panel("γ across classifier weights", weighted, weights, ideal));
            captions.add(caption(simplex, weighted, weights));
        }
        panels.add(panel("γ between features and class means", names, toMeans, 1));
        captions.add(caption("red: 1, every feature at its class mean (collapse)", names, toMeans));
        return new Figure(title, panels.size(), PANEL_WIDTH, PANEL_HEIGHT, panels, captions);
    }

    /**
     * One box per encoder at x = 1, 2, … with the reference value as a red horizontal line across the panel
     * (drawn first, so a box sitting on it stays visible); the y range holds the data and the line. Drawn on
     * an XY chart (outline, median, whiskers and outliers as series) rather than XChart's box chart, whose y
     * range and colours cannot be set; the encoders are named in the legend under the panel.
     */
    private static XYChart panel(String title, List<String> names, List<double[]> values, double reference) {
        XYChart c = Charts.xy(title, "", "γ (Eq. 7)");
        c.getStyler().setPlotGridVerticalLinesVisible(false).setYAxisDecimalPattern("0.00#").setXAxisTicksVisible(false)
            .setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal)
            .setMarkerSize(5);
        int m = names.size();
        line(c, "simplex value", new double[] {0.5, m + 0.5}, new double[] {reference, reference}, RED, 2f, false);
        double lo = reference;
        double hi = reference;
        for (int i = 0; i < m; i++) {
            double[] defined = defined(values.get(i));
            if (defined.length == 0) {
                continue;
            }
            Box b = Box.of(defined);
            double x = i + 1;
            Color colour = Charts.categoryColor(i);
            String name = names.get(i);
            line(c, name, new double[] {x - BOX, x + BOX, x + BOX, x - BOX, x - BOX},
                new double[] {b.q1(), b.q1(), b.q3(), b.q3(), b.q1()}, colour, 1.6f, true);
            line(c, name + " median", new double[] {x - BOX, x + BOX}, new double[] {b.median(), b.median()}, Color.BLACK,
                2.2f, false);
            line(c, name + " upper whisker", new double[] {x, x, x - CAP, x + CAP},
                new double[] {b.q3(), b.upperWhisker(), b.upperWhisker(), b.upperWhisker()}, colour, 1.2f, false);
            line(c, name + " lower whisker", new double[] {x, x, x - CAP, x + CAP},
                new double[] {b.q1(), b.lowerWhisker(), b.lowerWhisker(), b.lowerWhisker()}, colour, 1.2f, false);
            double[] out = b.outliers();
            if (out.length > 0) {
                double[] xs = new double[out.length];
                Arrays.fill(xs, x);
                XYSeries o = c.addSeries(name + " outliers", xs, out);
                o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                o.setMarker(SeriesMarkers.CIRCLE);
                o.setMarkerColor(colour);
                o.setShowInLegend(false);
            }
            lo = Math.min(lo, out.length > 0 ? Math.min(out[0], b.lowerWhisker()) : b.lowerWhisker());
            hi = Math.max(hi, out.length > 0 ? Math.max(out[out.length - 1], b.upperWhisker()) : b.upperWhisker());
        }
        double pad = Math.max(0.01, 0.06 * (hi - lo));
        c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad).setXAxisMin(0.5).setXAxisMax(m + 0.5);
        return c;
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color colour, float width, boolean legend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width));
        s.setShowInLegend(legend);
    }

    /** The reference value, and per encoder how many values were undefined (left out), if any. */
    private static String caption(String reference, List<String> names, List<double[]> values) {
        StringBuilder s = new StringBuilder(reference);
        for (int i = 0; i < names.size(); i++) {
            long undefined = GammaDistributions.undefined(values.get(i));
            if (undefined > 0) {
                s.append("; ").append(names.get(i)).append(": ").append(undefined).append(" undefined (zero vector)");
            }
        }
        return s.toString();
    }

    private static double[] defined(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }
}
