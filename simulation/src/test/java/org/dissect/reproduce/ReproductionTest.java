package org.dissect.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dissect.diagnostics.Gamma;
import org.dissect.diagnostics.GammaDistributions;
import org.dissect.engine.Engine;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SupervisedContrastiveBound;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every registered stage once under {@code --quick} on the Java engine and checks what each wrote: its
 * figure as PNG and SVG, its CSV files, its manifest and its report section.
 */
class ReproductionTest {
    private static final long SEED = 5;

    @TempDir
    static Path out;

    private static List<String> failed;
    private static String log;

    @BeforeAll
    static void reproduceEverythingQuickly() throws Exception {
        StringWriter progress = new StringWriter();
        failed = new Reproduction(Reproduction.all()).run(new Context(out, true, SEED, Engine.JAVA, new PrintWriter(progress)));
        log = progress.toString();
    }

    static Stream<String> stages() {
        return Reproduction.all().stream().map(Stage::name);
    }

    static Stream<String> figures() {
        return stages().filter(name -> name.startsWith("fig"));
    }

    @Test
    void everyStageSucceeds() {
        assertEquals(List.of(), failed, log);
        for (String name : stages().toList()) {
            assertTrue(log.contains("[" + name + "] done"), log);
        }
    }

    /** {@code reproduce all} stays seconds long: the minutes-long network experiments run only when named. */
    @Test
    void onlyTheNetworkExperimentsAreLeftOutOfAll() {
        assertEquals(List.of("fig7", "fig8"), Reproduction.all().stream().filter(s -> !s.partOfAll()).map(Stage::name).toList());
    }

    @Test
    void stageNamesAreUnique() {
        assertEquals(Reproduction.all().size(), stages().distinct().count());
    }

    @ParameterizedTest
    @MethodSource("stages")
    void everyStageWritesItsManifestSectionAndComparisonRows(String name) throws Exception {
        Path dir = out.resolve(name);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals(name, manifest.get("stage").asText(), manifest.toString());
        assertEquals("dissect", manifest.get("tool").asText());
        assertFalse(manifest.get("version").asText().isBlank());
        String section = Files.readString(dir.resolve("section.md"));
        assertTrue(section.startsWith("## "), section);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains(section.strip()), "report.md holds the section of " + name);
        for (List<String> row : Csv.read(dir.resolve("comparison.csv"))) {
            assertEquals(5, row.size(), row.toString());
            assertFalse(row.get(0).isBlank(), row.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("stages")
    void everyCsvFileHasAHeaderAndRowsOfItsWidth(String name) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve(name))) {
            for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                String header = Files.readAllLines(csv).get(0);
                assertTrue(header.matches("[a-z_A-Z0-9]+(,[a-z_A-Z0-9]+)*"), csv + " header: " + header);
                int columns = header.split(",").length;
                for (List<String> row : Csv.read(csv)) {
                    assertEquals(columns, row.size(), csv + ": " + row);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("figures")
    void everyFigureIsAPrintSizePngWithContentAVectorSvgAndAThumbnail(String name) throws Exception {
        Path dir = out.resolve(name);
        BufferedImage png = ImageIO.read(dir.resolve(name + ".png").toFile());
        assertTrue(png.getWidth() >= 1000 && png.getHeight() >= 500, "print size: " + png.getWidth() + "x" + png.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 3) {
            for (int x = 0; x < png.getWidth(); x += 3) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, name + ".png is drawn, not blank: " + colours.size() + " colours");
        Path svg = dir.resolve(name + ".svg");
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertEquals("svg", xml.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getNodeName(), "well-formed SVG");
        assertTrue(Files.size(svg) > 10_000, "the SVG holds the drawing");
        BufferedImage thumb = ImageIO.read(out.resolve("gallery").resolve(name + ".png").toFile());
        assertEquals(480, thumb.getWidth());
    }

    @Test
    void fig6HistogramComesFromTheEngineAndMatchesTheTheory() throws Exception {
        List<List<String>> rows = Csv.read(out.resolve("fig6/fig6_histogram.csv"));
        BigInteger total = BigInteger.ZERO;
        for (List<String> r : rows) {
            assertEquals(r.get(2), r.get(1), "batches of " + r.get(0) + " counted by the engine and by the theory");
            total = total.add(new BigInteger(r.get(1)));
            double mean = Double.parseDouble(r.get(4));
            double atSimplex = Double.parseDouble(r.get(6));
            assertTrue(Double.parseDouble(r.get(3)) <= mean && mean <= Double.parseDouble(r.get(5)), r.toString());
            assertEquals(atSimplex, mean, 1e-6, "converged: every configuration at its simplex level, " + r);
        }
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(Fig6Stage.CLASSES, Fig6Stage.PER_CLASS,
            Fig6Stage.BATCH, Fig6Stage.RHO2);
        assertEquals(bound.batchCount(), total);
        assertEquals(12, rows.size(), "the partitions of 9 into at most 3 parts");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("fig6/manifest.json").toFile());
        assertEquals(bound.batchCount(), manifest.get("batches").bigIntegerValue());
        assertTrue(Files.readString(out.resolve("fig6/section.md")).contains("167,960 batches"));
    }

    @Test
    void fig3VerticesAreUnitVectorsWithInnerProductsMinusOneOverKMinusOne() throws Exception {
        List<List<String>> products = Csv.read(out.resolve("fig3/fig3_inner_products.csv"));
        assertEquals(2 * 2 + 3 * 3 + 4 * 4, products.size(), "K x K inner products for K = 2, 3, 4");
        for (List<String> r : products) {
            int k = Integer.parseInt(r.get(0));
            double expected = r.get(1).equals(r.get(2)) ? 1 : -1.0 / (k - 1);
            assertEquals(expected, Double.parseDouble(r.get(4)), 0, r.toString());
            assertEquals(expected, Double.parseDouble(r.get(3)), 4e-16, r.toString());
        }
        List<List<String>> vertices = Csv.read(out.resolve("fig3/fig3_vertices.csv"));
        assertEquals(2 + 3 + 4, vertices.size());
        for (int k = 2; k <= 4; k++) {
            double[] sum = new double[3];
            for (List<String> v : vertices) {
                if (Integer.parseInt(v.get(0)) == k) {
                    for (int d = 0; d < 3; d++) {
                        sum[d] += Double.parseDouble(v.get(2 + d));
                    }
                }
            }
            assertEquals(0, Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]), 1e-15, "centred, K = " + k);
        }
        assertTrue(Files.readString(out.resolve("fig3/section.md")).contains("| 4 | 1.000000000000000 | -0.333333333333333 |"));
    }

    @Test
    void fig3ProjectionIsARotationSeenAlongItsDepthAxis() {
        double[][] basis = {Fig3Stage.project(new double[] {1, 0, 0}), Fig3Stage.project(new double[] {0, 1, 0}),
            Fig3Stage.project(new double[] {0, 0, 1})};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int d = 0; d < 3; d++) {
                    dot += basis[d][i] * basis[d][j];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-15, "the screen axes and the depth axis are orthonormal");
            }
        }
        assertTrue(Fig3Stage.project(new double[] {0, 0, 1})[1] > 0, "the north pole is up");
    }

    @Test
    void fig7TrainsThreeEncodersWhoseLossesRespectTheirBoundsAndCeFixHeadIsTheSimplex() throws Exception {
        List<List<String>> table = Csv.read(out.resolve("fig7/sec52.csv"));
        assertEquals(List.of("ce", "ce-fix", "sc"), table.stream().map(r -> r.get(0)).toList());
        for (List<String> r : table) {
            double loss = Double.parseDouble(r.get(1));
            double se = Double.parseDouble(r.get(2));
            double bound = Double.parseDouble(r.get(4));
            // Theorem 1 (CE) holds for every configuration; Theorem 2 (SC) for the mean, estimated here within its SE.
            assertTrue(loss >= bound - 4.5 * se, r.toString());
            double testError = Double.parseDouble(r.get(6));
            assertTrue(testError >= 0 && testError < 0.5, "an encoder that learned the digits: " + r);
        }
        double ideal = Gamma.ideal(10);
        int weights = 0;
        for (List<String> r : Csv.read(out.resolve("fig7/fig7.csv"))) {
            double gamma = Double.parseDouble(r.get(2));
            assertTrue(gamma >= 0 && gamma <= 1, r.toString());
            if (r.get(0).equals("ce-fix") && r.get(1).equals("classifier weights")) {
                assertEquals(ideal, gamma, 1e-12, "CE-fix's head is a regular simplex");
                weights++;
            }
        }
        assertEquals(45, weights, "K(K-1)/2 pairs of CE-fix's weights");
    }

    @Test
    void fig7SimplexDistanceIsZeroExactlyAtTheRegularSimplex() {
        double[][] zeta = RegularSimplex.regularSimplex(4, 5, 2);
        double[][] points = new double[8][];
        int[] labels = new int[8];
        for (int i = 0; i < 8; i++) {
            labels[i] = i % 4;
            points[i] = zeta[labels[i]];
        }
        assertEquals(0, Fig7Stage.simplexDistance(GammaDistributions.of(points, labels, 4, null)), 1e-15);
        points[0] = new double[] {1, 1, 0, 0, 0};
        assertTrue(Fig7Stage.simplexDistance(GammaDistributions.of(points, labels, 4, null)) > 1e-3);
    }

    @Test
    void fig1SnapshotsHoldEveryPointAndWeightOfSixStepsOfBothLosses() throws Exception {
        int points = Fig1Stage.CLASSES * Fig1Stage.PER_CLASS;
        assertEquals(6 * points + 6 * (points + Fig1Stage.CLASSES), Csv.read(out.resolve("fig1/fig1_snapshots.csv")).size());
    }

    @Test
    void fig4SweepsLambdaAndStaysOnTheCorollary2Bound() throws Exception {
        List<List<String>> rows = Csv.read(out.resolve("fig4/fig4.csv"));
        assertEquals(8, rows.size(), "the quick sweep");
        assertEquals(1e-3, Double.parseDouble(rows.get(0).get(0)), 1e-15);
        assertEquals(1.0, Double.parseDouble(rows.get(rows.size() - 1).get(0)), 1e-12);
        for (List<String> r : rows) {
            assertTrue(Math.abs(Double.parseDouble(r.get(5))) < 1e-6, "loss - bound at lambda " + r.get(0) + ": " + r.get(5));
        }
    }
}
