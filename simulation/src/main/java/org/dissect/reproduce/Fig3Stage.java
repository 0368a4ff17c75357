package org.dissect.reproduce;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dissect.report.Charts;
import org.dissect.report.Figure;
import org.dissect.report.OutputFolder;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SimplexDeviation;
import org.dissect.theory.Vectors;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Fig. 3: the regular simplices of Definition 3 for K = 2, 3, 4 inscribed in the unit sphere S² ⊂ R³
 * (ρ = 1, h = 3), vertices from {@link RegularSimplex#regularSimplex}. Each panel is an orthographic view of
 * the sphere (outline, and a latitude-longitude wireframe, its far side dotted) with the vertices (pale on the far side) and the
 * simplex's edges; the vertices' pairwise inner products are checked against {@code -ρ²/(K-1)}.
 */
final class Fig3Stage implements Stage {
    static final int[] CLASSES = {2, 3, 4};
    static final int DIM = 3;
    static final double RHO = 1.0;
    /** The direction the sphere is seen from, in degrees: turned about the vertical axis, then raised. */
    private static final double AZIMUTH = 70;
    private static final double ELEVATION = 20;
    /** Latitudes (degrees) and meridian spacing (degrees) of the wireframe. */
    private static final int[] LATITUDES = {-60, -30, 0, 30, 60};
    private static final int MERIDIAN_STEP = 30;
    private static final int SAMPLES = 180;
    /** A panel's size in points: taller than wide by the title's height, so that the plot area is square. */
    private static final int PANEL_WIDTH = 360;
    private static final int PANEL_HEIGHT = 386;
    private static final Color WIRE = new Color(185, 185, 185);
    private static final Color EDGE = new Color(40, 40, 40);

    /**
     * One simplex and its check.
     *
     * @param classes K
     * @param vertices the K vertices ζ_i as rows of length 3
     * @param gram the K×K inner products {@code <ζ_i, ζ_j>}
     * @param deviation how far the vertices are from (S1)-(S3), dimensionless
     */
    record Simplex(int classes, double[][] vertices, double[][] gram, SimplexDeviation deviation) {
        /** @return the inner product of two distinct vertices that Definition 3 requires, {@code -ρ²/(K-1)} */
        double offDiagonal() {
            return -RHO * RHO / (classes - 1);
        }
    }

    @Override
    public String name() {
        return "fig3";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        List<Simplex> simplices = compute();
        OutputFolder out = ctx.folder(name());
        Figure fig = figure(simplices);
        fig.writePng(out.file("fig3.png"), 2);
        fig.writeSvg(out.file("fig3.svg"));
        List<List<?>> vertexRows = new ArrayList<>();
        List<List<?>> productRows = new ArrayList<>();
        List<Comparison> cmp = new ArrayList<>();
        StringBuilder table = new StringBuilder("| K | <ζ_i, ζ_i> | <ζ_i, ζ_j>, i ≠ j | −ρ²/(K−1) | ‖Σ ζ_i‖ | max deviation |\n"
            + "|---|---|---|---|---|---|\n");
        for (Simplex s : simplices) {
            int k = s.classes();
            double diagonalMin = Double.POSITIVE_INFINITY;
            double diagonalMax = Double.NEGATIVE_INFINITY;
            double offMin = Double.POSITIVE_INFINITY;
            double offMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                vertexRows.add(List.of(k, i, s.vertices()[i][0], s.vertices()[i][1], s.vertices()[i][2]));
                for (int j = 0; j < k; j++) {
                    double expected = i == j ? RHO * RHO : s.offDiagonal();
                    productRows.add(List.of(k, i, j, s.gram()[i][j], expected, s.gram()[i][j] - expected));
                    if (i == j) {
                        diagonalMin = Math.min(diagonalMin, s.gram()[i][j]);
                        diagonalMax = Math.max(diagonalMax, s.gram()[i][j]);
                    } else {
                        offMin = Math.min(offMin, s.gram()[i][j]);
                        offMax = Math.max(offMax, s.gram()[i][j]);
                    }
                }
            }
            cmp.add(new Comparison("Fig. 3: <ζ_i, ζ_j> for i ≠ j, regular simplex K = " + k + " in S²",
                (k == 2 ? "-1" : "-1/" + (k - 1)) + " (Def. 3)",
                OutputFolder.fixed(s.offDiagonal(), 15), range(offMin, offMax),
                "‖ζ_i‖² in " + range(diagonalMin, diagonalMax) + "; deviation from (S1)-(S3) "
                    + String.format(Locale.ROOT, "%.1e", s.deviation().max())));
            table.append("| ").append(k).append(" | ").append(range(diagonalMin, diagonalMax)).append(" | ")
                .append(range(offMin, offMax)).append(" | ").append(OutputFolder.fixed(s.offDiagonal(), 15)).append(" | ")
                .append(String.format(Locale.ROOT, "%.1e", s.deviation().sumNorm())).append(" | ")
                .append(String.format(Locale.ROOT, "%.1e", s.deviation().max())).append(" |\n");
        }
        out.writeCsv("fig3_vertices.csv", List.of("classes", "vertex", "x", "y", "z"), vertexRows);
        out.writeCsv("fig3_inner_products.csv", List.of("classes", "i", "j", "inner_product", "definition_3", "error"),
            productRows);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("classes", CLASSES);
        manifest.put("dim", DIM);
        manifest.put("rho", RHO);
        manifest.put("azimuthDegrees", AZIMUTH);
        manifest.put("elevationDegrees", ELEVATION);
        manifest.put("quick", ctx.quick());
        out.writeManifest(manifest);
        String md = "![Fig. 3](fig3/fig3.png)\n\nThe ρ-sphere-inscribed regular simplices of Definition 3 for K = 2, 3, 4 in S² "
            + "(ρ = 1, h = 3), in the closed form of `RegularSimplex` (Helmert basis): two antipodal points, an equilateral "
            + "triangle on a great circle, a regular tetrahedron. Orthographic view (azimuth " + (int) AZIMUTH + "°, elevation "
            + (int) ELEVATION + "°); the wireframe's far side is dotted, vertices on the far side are pale, the centroid (the origin, (S1)) is marked +. The "
            + "vertices' inner products, computed from the coordinates:\n\n" + table
            + "\nFiles: `fig3.png`, `fig3.svg`, `fig3_vertices.csv`, `fig3_inner_products.csv`, `manifest.json`.\n";
        return new Section("Fig. 3: regular simplices for K = 2, 3, 4 inscribed in S²", md, cmp);
    }

    /**
     * Builds the simplices and their inner products.
     *
     * @return one simplex per K of {@link #CLASSES}
     */
    static List<Simplex> compute() {
        List<Simplex> simplices = new ArrayList<>();
        for (int k : CLASSES) {
            double[][] zeta = RegularSimplex.regularSimplex(k, DIM, RHO);
            double[][] gram = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    gram[i][j] = Vectors.dot(zeta[i], zeta[j]);
                }
            }
            simplices.add(new Simplex(k, zeta, gram, RegularSimplex.deviation(zeta, RHO)));
        }
        return simplices;
    }

    /**
     * Draws one orthographic panel per simplex.
     *
     * @param simplices what {@link #compute()} built
     * @return the figure
     */
    static Figure figure(List<Simplex> simplices) {
        List<XYChart> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Simplex s : simplices) {
            panels.add(panel(s));
            captions.add("<ζ_i, ζ_j> = " + OutputFolder.fixed(s.gram()[0][1], 6) + " (theory -1/" + (s.classes() - 1) + "), i ≠ j");
        }
        return new Figure("Fig. 3: regular simplices inscribed in the unit sphere S², K = 2, 3, 4", simplices.size(), PANEL_WIDTH,
            PANEL_HEIGHT, panels, captions);
    }

    /** {@code lo} when both ends agree to 15 decimals, else {@code lo … hi}. */
    private static String range(double lo, double hi) {
        String a = OutputFolder.fixed(lo, 15);
        String b = OutputFolder.fixed(hi, 15);
        return a.equals(b) ? a : a + " … " + b;
    }

    /**
     * @param p a point of R³
     * @return its screen coordinates (right, up) and its depth towards the viewer (positive: the near side)
     */
    static double[] project(double[] p) {
        double phi = Math.toRadians(AZIMUTH);
        double theta = Math.toRadians(ELEVATION);
        double right = -Math.sin(phi) * p[0] + Math.cos(phi) * p[1];
        double up = -Math.sin(theta) * Math.cos(phi) * p[0] - Math.sin(theta) * Math.sin(phi) * p[1] + Math.cos(theta) * p[2];
        double depth = Math.cos(theta) * Math.cos(phi) * p[0] + Math.cos(theta) * Math.sin(phi) * p[1] + Math.sin(theta) * p[2];
        return new double[] {right, up, depth};
    }

    private static XYChart panel(Simplex s) {
        XYChart c = Charts.xy("K = " + s.classes(), "", "");
        c.getStyler().setXAxisMin(-1.3).setXAxisMax(1.3).setYAxisMin(-1.3).setYAxisMax(1.3);
        c.getStyler().setAxisTicksVisible(false).setAxisTitlesVisible(false).setPlotGridLinesVisible(false)
            .setPlotBorderVisible(false);
        c.getStyler().setLegendVisible(false).setMarkerSize(11);
        c.getStyler().setAnnotationTextFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 15));
        int n = 0;
        for (int lat : LATITUDES) {
            double z = Math.sin(Math.toRadians(lat));
            double r = Math.cos(Math.toRadians(lat));
            n = wire(c, n, t -> new double[] {r * Math.cos(t), r * Math.sin(t), z});
        }
        for (int lon = 0; lon < 180; lon += MERIDIAN_STEP) {
            double a = Math.toRadians(lon);
            n = wire(c, n, t -> new double[] {Math.cos(a) * Math.cos(t), Math.sin(a) * Math.cos(t), Math.sin(t)});
        }
        double[] ox = new double[SAMPLES + 1];
        double[] oy = new double[SAMPLES + 1];
        for (int i = 0; i <= SAMPLES; i++) {
            ox[i] = Math.cos(2 * Math.PI * i / SAMPLES);
            oy[i] = Math.sin(2 * Math.PI * i / SAMPLES);
        }
        XYSeries outline = c.addSeries("outline", ox, oy);
        outline.setMarker(SeriesMarkers.NONE);
        outline.setLineColor(new Color(110, 110, 110));
        outline.setLineStyle(new BasicStroke(1.4f));
        double[][] screen = new double[s.classes()][];
        for (int i = 0; i < s.classes(); i++) {
            screen[i] = project(s.vertices()[i]);
        }
        for (int i = 0; i < s.classes(); i++) {
            for (int j = i + 1; j < s.classes(); j++) {
                XYSeries edge = c.addSeries("edge " + i + "-" + j, new double[] {screen[i][0], screen[j][0]},
                    new double[] {screen[i][1], screen[j][1]});
                edge.setMarker(SeriesMarkers.NONE);
                edge.setLineColor(EDGE);
                edge.setLineStyle(new BasicStroke(2f));
            }
        }
        XYSeries centre = c.addSeries("centroid", new double[] {0}, new double[] {0});
        centre.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        centre.setMarker(SeriesMarkers.CROSS);
        centre.setMarkerColor(EDGE);
        for (int i = 0; i < s.classes(); i++) {
            XYSeries v = c.addSeries("vertex " + i, new double[] {screen[i][0]}, new double[] {screen[i][1]});
            v.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            v.setMarker(SeriesMarkers.CIRCLE);
            Color colour = Charts.classColor(i);
            v.setMarkerColor(screen[i][2] >= 0 ? colour : new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110));
            double norm = Math.hypot(screen[i][0], screen[i][1]);
            double out = norm < 1e-9 ? 0 : 0.17 / norm;
            c.addAnnotation(new AnnotationText("ζ" + (i + 1), screen[i][0] * (1 + out), screen[i][1] * (1 + out) - 0.03,
                false));
        }
        return c;
    }

    /**
     * Adds a great or small circle of the sphere as wireframe, its near side solid and its far side dotted.
     *
     * @param c the panel
     * @param n the number of wire series added so far (for unique names)
     * @param circle the circle's points as a function of the angle in [0, 2π]
     * @return the new number of wire series
     */
    private static int wire(XYChart c, int n, java.util.function.DoubleFunction<double[]> circle) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        Boolean near = null;
        for (int i = 0; i <= SAMPLES; i++) {
            double[] p = project(circle.apply(2 * Math.PI * i / SAMPLES));
            boolean front = p[2] >= 0;
            if (near != null && front != near) {
                xs.add(p[0]);
                ys.add(p[1]);
                n = addWire(c, n, xs, ys, near);
                xs = new ArrayList<>();
                ys = new ArrayList<>();
            }
            near = front;
            xs.add(p[0]);
            ys.add(p[1]);
        }
        return addWire(c, n, xs, ys, near);
    }

    private static int addWire(XYChart c, int n, List<Double> xs, List<Double> ys, boolean near) {
        if (xs.size() < 2) {
            return n;
        }
        XYSeries s = c.addSeries("wire " + n, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(WIRE);
        s.setLineStyle(near ? new BasicStroke(0.9f)
            : new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        return n + 1;
    }
}
