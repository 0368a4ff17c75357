package org.dissect.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The toolkit's chart style: white, readable fonts, labelled axes, a legend inside the plot. */
public final class Charts {
    /** Class colours, colour-blind safe (Okabe-Ito), indexed by label. */
    public static final Color[] CLASS_COLORS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)};

    /** Twelve distinguishable colours for categories that are not classes (the Fig. 6 label configurations). */
    private static final Color[] CATEGORY_COLORS = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207), new Color(0, 0, 128), new Color(128, 0, 0)};

    /** The colour of grid lines. */
    private static final Color GRID = new Color(225, 225, 225);

    private Charts() {
    }

    /**
     * @param index a category's position
     * @return its colour (cycling after twelve)
     */
    public static Color categoryColor(int index) {
        return CATEGORY_COLORS[Math.floorMod(index, CATEGORY_COLORS.length)];
    }

    /**
     * @param title panel title (may be empty)
     * @param xTitle x-axis title with units
     * @param yTitle y-axis title with units
     * @return a styled XY chart
     */
    public static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(400).height(300).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        return c;
    }

    /**
     * @param title panel title
     * @param xTitle x-axis title
     * @param yTitle y-axis title
     * @return a styled category (bar) chart
     */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(400).height(300).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
            .build();
        style(c.getStyler());
        return c;
    }

    /**
     * @param title panel title
     * @param xTitle x-axis title
     * @param yTitle y-axis title
     * @return a styled heat map, white (low) to dark red (high), its values printed in the cells, the colour scale on the right
     */
    public static HeatMapChart heatMap(String title, String xTitle, String yTitle) {
        HeatMapChart c = new HeatMapChartBuilder().width(400).height(300).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(252, 174, 145), new Color(239, 101, 72), new Color(203, 24, 29)});
        c.getStyler().setShowValue(true);
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setValueFontColor(Color.BLACK);
        c.getStyler().setPlotGridLinesVisible(false);
        return c;
    }

    /**
     * Makes the y axis logarithmic with grid lines at the decades only. XChart draws a grid line and a tick
     * mark at every 2..9 multiple of a logarithmic axis as well, and over ten decades those merge into grey
     * bands; here its grid and tick marks are off and one light line per decade spanned by the series
     * already added is drawn instead, beneath them (the tick labels stay XChart's, one per decade). Call it
     * after the data series are added, and give them explicit line styles: XChart picks a series' default
     * style by its position, which this reorders.
     *
     * @param chart the chart (modified)
     * @return the chart
     */
    public static XYChart logYWithDecadeGrid(XYChart chart) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double left = Double.POSITIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double y : s.getYData()) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
            for (double x : s.getXData()) {
                left = Math.min(left, x);
                right = Math.max(right, x);
            }
        }
        chart.getStyler().setYAxisLogarithmic(true).setPlotGridHorizontalLinesVisible(false).setAxisTicksMarksVisible(false);
        if (!(lo > 0) || !(hi >= lo)) {
            return chart;
        }
        List<String> data = new ArrayList<>(chart.getSeriesMap().keySet());
        for (int k = (int) Math.ceil(Math.log10(lo)); k <= (int) Math.floor(Math.log10(hi)); k++) {
            double level = Math.pow(10, k);
            XYSeries line = chart.addSeries("10^" + k, new double[] {left, right}, new double[] {level, level});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(GRID);
            line.setLineStyle(new BasicStroke(0.6f));
            line.setShowInLegend(false);
        }
        // XChart paints the series in insertion order: move the data after the grid lines, so they are drawn on top.
        for (String name : data) {
            chart.getSeriesMap().put(name, chart.getSeriesMap().remove(name));
        }
        return chart;
    }

    /**
     * @param label a class label
     * @return its colour
     */
    public static Color classColor(int label) {
        return CLASS_COLORS[Math.floorMod(label, CLASS_COLORS.length)];
    }

    /** Applies the toolkit's style to any axes chart of this package (XY, bars, boxes). */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(0.6f));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        if (!(s instanceof HeatMapStyler)) {
            s.setLegendPosition(Styler.LegendPosition.InsideNE);
        }
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartPadding(6);
        s.setAntiAlias(true);
    }
}
