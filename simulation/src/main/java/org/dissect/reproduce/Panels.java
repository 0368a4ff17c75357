package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import org.dissect.report.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Panels of 2-D point configurations: points coloured by class on the unit circle, weights as rays. */
final class Panels {
    private Panels() {
    }

    /**
     * @param title panel title
     * @param z N·2 coordinates, already scaled to the unit disc
     * @param labels N labels
     * @param classes K
     * @param rays K·2 ray end points (class weights scaled for display), or null
     * @return the panel
     */
    static XYChart circle(String title, double[] z, int[] labels, int classes, double[] rays) {
        XYChart c = Charts.xy(title, "x₁ / ρ", "x₂ / ρ");
        c.getStyler().setXAxisMin(-1.25).setXAxisMax(1.25).setYAxisMin(-1.25).setYAxisMax(1.25);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        int m = 181;
        double[] cx = new double[m];
        double[] cy = new double[m];
        for (int i = 0; i < m; i++) {
            cx[i] = Math.cos(2 * Math.PI * i / (m - 1));
            cy[i] = Math.sin(2 * Math.PI * i / (m - 1));
        }
        XYSeries ring = c.addSeries("unit circle", cx, cy);
        ring.setMarker(SeriesMarkers.NONE);
        ring.setLineColor(new Color(150, 150, 150));
        ring.setLineStyle(new BasicStroke(1f));
        addClasses(c, "", z, labels, classes, false);
        if (rays != null) {
            for (int y = 0; y < classes; y++) {
                XYSeries r = c.addSeries("w" + y, new double[] {0, rays[2 * y]}, new double[] {0, rays[2 * y + 1]});
                r.setMarker(SeriesMarkers.NONE);
                r.setLineColor(Charts.classColor(y));
                r.setLineStyle(new BasicStroke(2.2f));
            }
        }
        return c;
    }

    /**
     * Points on the unit sphere of {@code R^3}, seen from above: the orthographic projection on the first two
     * coordinates inside the unit circle, points on the near half (third coordinate ≥ 0) as discs in their class
     * colour, points on the far half as pale diamonds.
     *
     * @param title panel title
     * @param z N·3 coordinates, already scaled to the unit ball
     * @param labels N labels
     * @param classes K
     * @return the panel
     */
    static XYChart sphere(String title, double[] z, int[] labels, int classes) {
        double[] flat = new double[2 * labels.length];
        int[] near = new int[labels.length];
        int[] far = new int[labels.length];
        for (int n = 0; n < labels.length; n++) {
            flat[2 * n] = z[3 * n];
            flat[2 * n + 1] = z[3 * n + 1];
            near[n] = z[3 * n + 2] >= 0 ? labels[n] : -1;
            far[n] = z[3 * n + 2] >= 0 ? -1 : labels[n];
        }
        XYChart c = circle(title, flat, near, classes, null);
        addClasses(c, " (far side)", flat, far, classes, true);
        return c;
    }

    /** One scatter series per class present (label -1: not drawn); pale diamonds or discs in the class colour. */
    private static void addClasses(XYChart c, String suffix, double[] z, int[] labels, int classes, boolean pale) {
        for (int y = 0; y < classes; y++) {
            int count = 0;
            for (int label : labels) {
                count += label == y ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] xs = new double[count];
            double[] ys = new double[count];
            int j = 0;
            for (int n = 0; n < labels.length; n++) {
                if (labels[n] == y) {
                    xs[j] = z[2 * n];
                    ys[j++] = z[2 * n + 1];
                }
            }
            XYSeries s = c.addSeries("class " + y + suffix, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            Color full = Charts.classColor(y);
            s.setMarker(pale ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            s.setMarkerColor(pale ? new Color((full.getRed() + 2 * 255) / 3, (full.getGreen() + 2 * 255) / 3,
                (full.getBlue() + 2 * 255) / 3) : full);
        }
    }
}
