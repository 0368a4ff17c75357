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
            XYSeries s = c.addSeries("class " + y, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Charts.classColor(y));
        }
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
}
