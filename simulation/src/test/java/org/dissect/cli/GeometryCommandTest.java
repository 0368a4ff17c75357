package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dissect.io.LabelledPoints;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SupervisedContrastiveBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dissect geometry FILE [--weights W] [--labels L] [--rho R | --rho2 R2 | --temperature T] [--lambda L]
 * [--classes K] [--batch b] [--sampling S] [--samples M] [--seed s] [--figure F] [--json]}, run in-process: the
 * diagnostics of constructed configurations (the regular simplex, with and without the Corollary 2 weights, and
 * perturbations of it), the SC and CE losses against their bounds, the figure, the .npy route against the CSV route,
 * and the one-line errors of bad input.
 */
class GeometryCommandTest {
    private static final double TIGHT = 1e-12;

    @TempDir
    Path dir;

    /** γ at a regular simplex of K vertices, computed here from Eq. 7: 1 - arccos(-1/(K-1))/π. */
    private static double gammaIdeal(int classes) {
        return 1 - Math.acos(-1.0 / (classes - 1)) / Math.PI;
    }

    /** n points per class, every point exactly at its class vertex of the ρ-sphere-inscribed regular simplex in R^h. */
    private static double[][] collapsed(int classes, int perClass, int dim, double rho) {
        double[][] zeta = RegularSimplex.regularSimplex(classes, dim, rho);
        double[][] z = new double[classes * perClass][];
        for (int i = 0; i < z.length; i++) {
            z[i] = zeta[i / perClass].clone();
        }
        return z;
    }

    private static int[] labels(int classes, int perClass) {
        int[] y = new int[classes * perClass];
        for (int i = 0; i < y.length; i++) {
            y[i] = i / perClass;
        }
        return y;
    }

    private Path writePoints(String name, double[][] z, int[] labels, int classes) throws IOException {
        Path file = dir.resolve(name);
        new LabelledPoints(z, labels, classes).write(file);
        return file;
    }

    /** Weights as CSV without a label column, with a header row {@code w1,...,wh}. */
    private Path writeWeights(String name, double[][] w) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < w[0].length; k++) {
            s.append(k == 0 ? "" : ",").append("w").append(k + 1);
        }
        s.append('\n');
        for (double[] row : w) {
            for (int k = 0; k < row.length; k++) {
                s.append(k == 0 ? "" : ",").append(row[k]);
            }
            s.append('\n');
        }
        return Files.writeString(dir.resolve(name), s.toString());
    }

    private Path writeText(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /**
     * A .npy file, version 1.0, written by hand from NumPy's format description: the magic string {@code \x93NUMPY},
     * the version bytes 1 and 0, the header length as a little-endian uint16, the header (a Python dict literal padded
     * with spaces and ended by a newline so that the data starts at a multiple of 64 bytes), then the little-endian data.
     */
    private Path writeNpy(String name, String descr, String shape, ByteBuffer data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        assertEquals(0, (10 + header.length()) % 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data.array());
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    /** N×h features as {@code <f8}, shape (N, h). */
    private Path writeNpyMatrix(String name, double[][] z) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(z.length * z[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : z) {
            for (double v : row) {
                b.putDouble(v);
            }
        }
        return writeNpy(name, "<f8", "(" + z.length + ", " + z[0].length + ")", b);
    }

    /** Labels as {@code <i8}, shape (N,). */
    private Path writeNpyLabels(String name, int[] labels) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(labels.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int y : labels) {
            b.putLong(y);
        }
        return writeNpy(name, "<i8", "(" + labels.length + ",)", b);
    }

    private static void assertSummary(JsonNode summary, double expected, double tolerance, String what) {
        for (String key : new String[] {"min", "mean", "max"}) {
            assertTrue(summary.get(key).isNumber(), what + "." + key + " is " + summary.get(key));
            assertEquals(expected, summary.get(key).asDouble(), tolerance, what + "." + key);
        }
    }

    /** Exit 2, nothing on stdout, exactly one line on stderr holding every fragment. */
    private static void assertBadInput(CliRun r, String... fragments) {
        assertEquals(2, r.exitCode(), () -> "exit code; stderr: " + r.err());
        assertEquals("", r.out());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, () -> "one line on stderr, got: " + r.err());
        assertTrue(lines[0].startsWith("dissect geometry: "), lines[0]);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), () -> "'" + f + "' missing from: " + lines[0]);
        }
    }

    /** {@code geometry FEATURES [--labels LABELS] OPTIONS...}. */
    private static CliRun run(String features, String labels, String... options) {
        List<String> args = new ArrayList<>(List.of("geometry", features));
        if (labels != null) {
            args.add("--labels");
            args.add(labels);
        }
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(new String[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 6})
    void regularSimplexIsCollapsed(int classes) throws IOException {
        double rho = 2.5;
        Path file = writePoints("simplex.csv", collapsed(classes, 4, classes, rho), labels(classes, 4), classes);
        CliRun r = CliRun.of("geometry", file.toString(), "--rho", "2.5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        double ideal = gammaIdeal(classes);
        assertEquals(file.toString(), j.get("file").asText());
        assertEquals(classes * 4, j.get("points").asInt());
        assertEquals(classes, j.get("dimension").asInt());
        assertEquals(classes, j.get("classes").asInt());
        assertEquals(rho, j.get("rho").asDouble(), 0);
        assertEquals("given", j.get("rhoSource").asText());
        assertEquals(0, j.get("simplexDeviation").asDouble(), TIGHT);
        assertEquals(0, j.get("withinClassSpread").get("max").asDouble(), TIGHT);
        assertEquals(0, j.get("withinClassSpread").get("mean").asDouble(), TIGHT);
        assertEquals(ideal, j.get("gammaIdeal").asDouble(), 1e-15);
        assertSummary(j.get("gammaAcrossMeans"), ideal, TIGHT, "gammaAcrossMeans");
        assertSummary(j.get("gammaToMeans"), 1, TIGHT, "gammaToMeans");
        assertEquals(0, j.get("sumOfMeans").asDouble(), TIGHT);
        assertEquals(1, j.get("meanNorm").asDouble(), TIGHT);
        assertTrue(j.get("attainable").asBoolean());
        assertEquals(0, j.get("collapseDistance").asDouble(), TIGHT);
        for (String absent : new String[] {"gammaAcrossWeights", "weightNormDeviationFromRW", "lambda", "rW"}) {
            assertTrue(j.get(absent).isNull(), absent + " without --weights and --lambda");
        }
    }

    @Test
    void radiusDefaultsToTheMeanPointNorm() throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 5, 2, 1.7), labels(3, 5), 3);
        JsonNode j = CliRun.of("geometry", file.toString(), "--json").json();
        assertEquals("mean point norm", j.get("rhoSource").asText());
        assertEquals(1.7, j.get("rho").asDouble(), TIGHT);
        assertEquals(0, j.get("simplexDeviation").asDouble(), TIGHT);
    }

    @Test
    void corollary2WeightsFormTheSameSimplexWithNormRW() throws IOException {
        int classes = 3;
        double rho = 1.0;
        double lambda = 0.01;
        double rW = CrossEntropyBounds.rW(classes, rho, lambda);
        double[][] zeta = RegularSimplex.regularSimplex(classes, 2, rho);
        double[][] w = new double[classes][2];
        for (int y = 0; y < classes; y++) {
            for (int k = 0; k < 2; k++) {
                w[y][k] = rW / rho * zeta[y][k];
            }
        }
        Path file = writePoints("simplex.csv", collapsed(classes, 10, 2, rho), labels(classes, 10), classes);
        Path weights = writeWeights("weights.csv", w);
        assertTrue(Files.readString(weights).startsWith("w1,w2\n"));
        CliRun r = CliRun.of("geometry", file.toString(), "--weights", weights.toString(), "--rho", "1", "--lambda", "0.01", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        double ideal = gammaIdeal(classes);
        assertEquals(lambda, j.get("lambda").asDouble(), 0);
        assertEquals(rW, j.get("rW").asDouble(), 1e-15);
        assertEquals(2.06657, j.get("rW").asDouble(), 5e-6);
        assertSummary(j.get("gammaAcrossWeights"), ideal, TIGHT, "gammaAcrossWeights");
        assertSummary(j.get("gammaAcrossMeans"), ideal, TIGHT, "gammaAcrossMeans");
        assertSummary(j.get("weightGammaToMeans"), 1, TIGHT, "weightGammaToMeans");
        assertSummary(j.get("weightNorms"), rW, TIGHT, "weightNorms");
        assertSummary(j.get("weightNormsOverRW"), 1, TIGHT, "weightNormsOverRW");
        assertEquals(0, j.get("weightNormDeviationFromRW").asDouble(), TIGHT);
        assertEquals(0, j.get("weightSimplexDeviation").asDouble(), TIGHT);
        assertEquals(0, j.get("simplexDeviation").asDouble(), TIGHT);
        assertEquals(0, j.get("collapseDistance").asDouble(), TIGHT);
    }

    @Test
    void weightsOfTheWrongNormAreReported() throws IOException {
        double[][] zeta = RegularSimplex.regularSimplex(3, 2, 1.0);
        Path file = writePoints("simplex.csv", collapsed(3, 4, 2, 1.0), labels(3, 4), 3);
        Path weights = writeWeights("weights.csv", zeta);
        JsonNode j = CliRun.of("geometry", file.toString(), "--weights", weights.toString(), "--rho", "1", "--lambda", "0.01", "--json").json();
        double rW = CrossEntropyBounds.rW(3, 1.0, 0.01);
        assertEquals(Math.abs(1 - rW) / rW, j.get("weightNormDeviationFromRW").asDouble(), TIGHT);
        assertSummary(j.get("gammaAcrossWeights"), gammaIdeal(3), TIGHT, "gammaAcrossWeights (the direction is still right)");
    }

    @Test
    void perturbationsAreDetected() throws IOException {
        int classes = 4;
        double[][] z = collapsed(classes, 5, 3, 1.0);
        z[7][0] += 1e-3;
        Path onePoint = writePoints("one-point.csv", z, labels(classes, 5), classes);
        JsonNode j = CliRun.of("geometry", onePoint.toString(), "--rho", "1", "--json").json();
        assertTrue(j.get("simplexDeviation").asDouble() > 1e-6, "one displaced point moves its class mean: " + j.get("simplexDeviation"));
        assertTrue(j.get("withinClassSpread").get("max").asDouble() > 1e-4, j.get("withinClassSpread").toString());
        assertTrue(j.get("gammaToMeans").get("min").asDouble() < 1, j.get("gammaToMeans").toString());

        double[][] shifted = collapsed(classes, 5, 3, 1.0);
        for (int i = 0; i < 5; i++) {
            shifted[i][1] += 0.05;
        }
        Path oneClass = writePoints("one-class.csv", shifted, labels(classes, 5), classes);
        j = CliRun.of("geometry", oneClass.toString(), "--rho", "1", "--json").json();
        assertTrue(j.get("simplexDeviation").asDouble() > 1e-3, "a displaced class: " + j.get("simplexDeviation"));
        assertEquals(0, j.get("withinClassSpread").get("max").asDouble(), TIGHT, "the class is still collapsed");
        assertTrue(Math.abs(j.get("gammaAcrossMeans").get("min").asDouble() - gammaIdeal(classes)) > 1e-4, j.get("gammaAcrossMeans").toString());
        assertTrue(j.get("collapseDistance").asDouble() > 1e-3);
    }

    @Test
    void npyFeaturesAndLabelsGiveTheSameReportAsCsv() throws IOException {
        int classes = 3;
        int perClass = 4;
        double[][] z = collapsed(classes, perClass, 3, 1.3);
        Random random = new Random(11);
        for (double[] row : z) {
            for (int k = 0; k < row.length; k++) {
                row[k] += 0.05 * random.nextGaussian();
            }
        }
        int[] y = labels(classes, perClass);
        Path csv = writePoints("features.csv", z, y, classes);
        Path npy = writeNpyMatrix("features.npy", z);
        Path npyLabels = writeNpyLabels("labels.npy", y);
        StringBuilder text = new StringBuilder("label\n");
        for (int label : y) {
            text.append(label).append('\n');
        }
        Path textLabels = writeText("labels.txt", text.toString());
        Path weights = writeWeights("weights.csv", RegularSimplex.regularSimplex(classes, 3, 2.0));

        String[] options = {"--weights", weights.toString(), "--lambda", "0.05", "--json"};
        ObjectNode fromCsv = (ObjectNode) run(csv.toString(), null, options).json();
        ObjectNode fromNpy = (ObjectNode) run(npy.toString(), npyLabels.toString(), options).json();
        ObjectNode fromText = (ObjectNode) run(npy.toString(), textLabels.toString(), options).json();
        assertEquals(npy.toString(), fromNpy.get("file").asText());
        for (ObjectNode o : new ObjectNode[] {fromCsv, fromNpy, fromText}) {
            o.remove("file");
        }
        assertTrue(fromCsv.get("simplexDeviation").asDouble() > 1e-3, "the noise is visible");
        assertEquals(fromCsv, fromNpy, "the .npy route gives the same numbers as the CSV route");
        assertEquals(fromCsv, fromText, "labels from a text file give the same numbers");
    }

    @Test
    void textOutputHasATitleAndOneLinePerKey() throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 2, 2, 1.0), labels(3, 2), 3);
        CliRun r = CliRun.of("geometry", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Geometry of " + file + ": N=6, h=2, K=3"), r.out());
        assertTrue(r.out().contains("simplexDeviation"), r.out());
        for (String key : new String[] {"scMeanBatchLoss", "scMeanBatchLossStdError", "scBatches", "scBound", "scGap", "ceLoss"}) {
            assertTrue(r.out().contains("\n  " + key + " "), key + " in " + r.out());
        }
        assertEquals("", r.err());
    }

    // The Sec. 5.2 comparison: the SC mean batch loss and the CE loss against their bounds.

    /** C(N+b-1, b), the number of multisets, by the product formula in long arithmetic (small arguments only). */
    private static long multisets(int items, int batch) {
        long c = 1;
        for (int i = 1; i <= batch; i++) {
            c = c * (items + i - 1) / i;
        }
        return c;
    }

    /**
     * At the regular simplex the exact mean over all multisets equals the Theorem 2 bound (equality case (C1), (C2)).
     * Both are sums in double of at most C(15, 4) = 1365 terms; 1e-12 relative leaves room for many ulps.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void scLossAtTheSimplexIsTheTheorem2Bound(int classes) throws IOException {
        int perClass = 3;
        double rho = 1.3;
        Path file = writePoints("simplex.csv", collapsed(classes, perClass, classes, rho), labels(classes, perClass), classes);
        JsonNode j = CliRun.of("geometry", file.toString(), "--rho", "1.3", "--batch", "4", "--json").json();
        int size = classes * perClass;
        double bound = new SupervisedContrastiveBound(classes, perClass, 4, rho * rho).meanBound();
        assertTrue(j.get("scExact").asBoolean());
        assertEquals(multisets(size, 4), j.get("scBatches").asLong());
        assertEquals(0, j.get("scMeanBatchLossStdError").asDouble(), 0);
        assertEquals(bound, j.get("scBound").asDouble(), 1e-15 * bound);
        assertEquals(bound, j.get("scMeanBatchLoss").asDouble(), 1e-12 * bound);
        assertEquals(0, j.get("scGap").asDouble(), 1e-12 * bound);
        assertEquals("Theorem 2 mean bound", j.get("scBoundSource").asText());
        assertEquals(4, j.get("scBatch").asInt());
        assertEquals("multiset", j.get("scSampling").asText());
        assertEquals(1 / (rho * rho), j.get("temperature").asDouble(), 1e-15);
        assertTrue(j.get("scEngine").get("kind").isTextual(), j.toString());
        assertTrue(j.get("scNote").isNull());
    }

    /** Off the simplex the loss lies above the bound; the gap is their difference. */
    @Test
    void perturbedFeaturesLieAboveTheBound() throws IOException {
        double[][] z = collapsed(3, 3, 3, 1.0);
        Random random = new Random(3);
        for (double[] row : z) {
            for (int k = 0; k < row.length; k++) {
                row[k] += 0.2 * random.nextGaussian();
            }
        }
        Path file = writePoints("noisy.csv", z, labels(3, 3), 3);
        JsonNode j = CliRun.of("geometry", file.toString(), "--temperature", "0.5", "--batch", "5", "--json").json();
        assertTrue(j.get("scExact").asBoolean());
        double gap = j.get("scGap").asDouble();
        assertTrue(gap > 1e-3, "gap " + gap);
        assertEquals(j.get("scMeanBatchLoss").asDouble() - j.get("scBound").asDouble(), gap, 1e-12);
        assertEquals(2.0, 1 / j.get("temperature").asDouble(), 1e-15, "rho^2 = 1/tau");
        assertEquals(Math.sqrt(2.0), j.get("rho").asDouble(), 1e-15, "the diagnostics' radius is the same rho");
    }

    /** --rho, --rho2 and --temperature name the same radius: the same loss and bound. */
    @Test
    void theThreeRadiusOptionsAgree() throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 2, 2, 1.0), labels(3, 2), 3);
        JsonNode byRho = CliRun.of("geometry", file.toString(), "--rho", "2", "--json").json();
        JsonNode byRho2 = CliRun.of("geometry", file.toString(), "--rho2", "4", "--json").json();
        JsonNode byTemperature = CliRun.of("geometry", file.toString(), "--temperature", "0.25", "--json").json();
        for (JsonNode j : new JsonNode[] {byRho2, byTemperature}) {
            assertEquals(byRho.get("scMeanBatchLoss").asDouble(), j.get("scMeanBatchLoss").asDouble(), 1e-13);
            assertEquals(byRho.get("scBound").asDouble(), j.get("scBound").asDouble(), 1e-13);
            assertEquals(2.0, j.get("rho").asDouble(), 1e-15);
        }
    }

    /** Without a radius the mean feature norm is rho for the SC loss too, and b defaults to min(256, N). */
    @Test
    void theDefaultsAreTheMeanNormAndAllTheFeatures() throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 4, 2, 1.7), labels(3, 4), 3);
        JsonNode j = CliRun.of("geometry", file.toString(), "--json").json();
        assertEquals(12, j.get("scBatch").asInt());
        assertEquals(1 / (1.7 * 1.7), j.get("temperature").asDouble(), 1e-14);
        double bound = new SupervisedContrastiveBound(3, 4, 12, 1.7 * 1.7).meanBound();
        assertEquals(bound, j.get("scMeanBatchLoss").asDouble(), 1e-12 * bound);
        assertEquals(multisets(12, 12), j.get("scBatches").asLong());
    }

    /**
     * Beyond 2,000,000 multisets the mean is sampled: M batches, a positive standard error, and at the simplex the
     * estimate lies within 5 standard errors of the bound it estimates (a fixed seed: one draw of a near-normal mean).
     */
    @ParameterizedTest
    @ValueSource(strings = {"multiset", "with-replacement", "without-replacement"})
    void largeBatchSpacesAreSampled(String sampling) throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 8, 3, 1.0), labels(3, 8), 3);
        JsonNode j = CliRun.of("geometry", file.toString(), "--rho", "1", "--batch", "12", "--sampling", sampling,
            "--samples", "400", "--seed", "5", "--json").json();
        assertTrue(multisets(24, 12) > 2_000_000);
        assertFalse(j.get("scExact").asBoolean());
        assertEquals(400, j.get("scBatches").asLong());
        double se = j.get("scMeanBatchLossStdError").asDouble();
        assertTrue(se > 0, j.toString());
        assertEquals(j.get("scBound").asDouble(), j.get("scMeanBatchLoss").asDouble(), 5 * se, sampling);
        assertEquals(sampling, j.get("scSampling").asText());
        assertTrue(j.get("scBoundSource").asText().contains(sampling.equals("multiset") ? "Theorem 2" : sampling), j.toString());
        JsonNode again = CliRun.of("geometry", file.toString(), "--rho", "1", "--batch", "12", "--sampling", sampling,
            "--samples", "400", "--seed", "5", "--json").json();
        assertEquals(j.get("scMeanBatchLoss").asDouble(), again.get("scMeanBatchLoss").asDouble(), 0, "reproduced by its seed");
    }

    /**
     * The CE loss at the Corollary 2 optimum (collapsed on the unit simplex, w_y = r_W ζ_y) equals Theorem 1 at the
     * observed norms (ρ = 1, ‖W‖_F = √K r_W), Corollary 1 (max ‖w_y‖ = r_W) and, with the penalty, Corollary 2.
     */
    @Test
    void ceLossAtTheCollapseEqualsItsBounds() throws IOException {
        int classes = 3;
        double rW = CrossEntropyBounds.rW(classes, 1.0, 0.01);
        double[][] zeta = RegularSimplex.regularSimplex(classes, 2, 1.0);
        double[][] w = new double[classes][2];
        for (int y = 0; y < classes; y++) {
            for (int k = 0; k < 2; k++) {
                w[y][k] = rW * zeta[y][k];
            }
        }
        Path file = writePoints("simplex.csv", collapsed(classes, 4, 2, 1.0), labels(classes, 4), classes);
        JsonNode j = CliRun.of("geometry", file.toString(), "--weights", writeWeights("w.csv", w).toString(), "--lambda", "0.01",
            "--json").json();
        double loss = j.get("ceLoss").asDouble();
        // ζ_y·w_y = r_W, ζ_y·w_l = -r_W/2: the loss of every point is log(1 + 2 exp(-3 r_W / 2))
        assertEquals(Math.log(1 + 2 * Math.exp(-1.5 * rW)), loss, 1e-14);
        assertEquals(loss, j.get("ceBound").asDouble(), 1e-13 * loss);
        assertEquals(loss, j.get("ceBoundCorollary1").asDouble(), 1e-13 * loss);
        assertEquals(0, j.get("ceGap").asDouble(), 1e-13);
        assertEquals(1, j.get("ceFeatureRadius").asDouble(), 1e-15);
        assertEquals(Math.sqrt(3) * rW, j.get("ceWeightNorm").asDouble(), 1e-14);
        assertEquals(rW, j.get("ceMaxWeightNorm").asDouble(), 1e-14);
        assertEquals(loss + 0.01 * 3 * rW * rW, j.get("ceRegularizedLoss").asDouble(), 1e-14);
        assertEquals(j.get("ceRegularizedLoss").asDouble(), j.get("ceRegularizedBound").asDouble(), 1e-13);
        assertTrue(j.get("ceNote").isNull());
    }

    /** Every comparison key is present on every run; those that do not apply are null. */
    @Test
    void everyComparisonKeyIsAlwaysPresent() throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 2, 2, 1.0), labels(3, 2), 3);
        JsonNode j = CliRun.of("geometry", file.toString(), "--json").json();
        for (String key : new String[] {"temperature", "scBatch", "scSampling", "scMeanBatchLoss", "scMeanBatchLossStdError",
            "scBatches", "scExact", "scBound", "scBoundSource", "scGap", "scEngine"}) {
            assertTrue(j.has(key) && !j.get(key).isNull(), key + " in " + j);
        }
        for (String key : new String[] {"scNote", "ceLoss", "ceBound", "ceGap", "ceBoundCorollary1", "ceFeatureRadius",
            "ceWeightNorm", "ceMaxWeightNorm", "ceRegularizedLoss", "ceRegularizedBound", "ceRegularizedGap", "ceNote"}) {
            assertTrue(j.has(key) && j.get(key).isNull(), key + " is null without weights: " + j);
        }
    }

    /** The theorems assume balanced classes: unbalanced data get their losses and no bound, with a note saying why. */
    @Test
    void unbalancedClassesHaveLossesButNoBounds() throws IOException {
        double[][] zeta = RegularSimplex.regularSimplex(2, 2, 1.0);
        double[][] z = {zeta[0], zeta[0], zeta[0], zeta[1]};
        Path file = writePoints("unbalanced.csv", z, new int[] {0, 0, 0, 1}, 2);
        JsonNode j = CliRun.of("geometry", file.toString(), "--weights", writeWeights("w.csv", zeta).toString(), "--json").json();
        assertTrue(j.get("scMeanBatchLoss").isNumber());
        assertTrue(j.get("scBound").isNull() && j.get("scGap").isNull());
        assertTrue(j.get("scNote").asText().contains("differ in size"), j.get("scNote").asText());
        assertTrue(j.get("ceLoss").isNumber());
        assertTrue(j.get("ceBound").isNull() && j.get("ceGap").isNull());
        assertTrue(j.get("ceNote").asText().contains("balanced"), j.get("ceNote").asText());
    }

    /** A zero feature cannot be projected on the sphere: no SC loss, the other diagnostics still come. */
    @Test
    void aZeroFeatureHasNoScLoss() throws IOException {
        Path file = writeText("zero.csv", "0,1,0\n0,0,0\n1,-1,0\n1,-1,0\n");
        CliRun r = CliRun.of("geometry", file.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertTrue(j.get("scMeanBatchLoss").isNull());
        assertTrue(j.get("scNote").asText().contains("feature 1 is zero"), j.get("scNote").asText());
    }

    /** --figure writes the Fig. 7 panels as PNG or SVG by the name's extension. */
    @ParameterizedTest
    @ValueSource(strings = {"fig7.png", "fig7.svg"})
    void theFigureIsWritten(String name) throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 4, 2, 1.0), labels(3, 4), 3);
        Path weights = writeWeights("w.csv", RegularSimplex.regularSimplex(3, 2, 1.0));
        Path out = dir.resolve(name);
        JsonNode j = CliRun.of("geometry", file.toString(), "--weights", weights.toString(), "--figure", out.toString(), "--json").json();
        assertEquals(out.toString(), j.get("figure").asText());
        if (name.endsWith(".png")) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(out.toFile());
            assertEquals(2 * 3 * 360, image.getWidth(), "three panels: means, weights, features to means");
        } else {
            assertTrue(Files.readString(out).contains("<svg"));
        }
    }

    // Bad input: exit 2, one line on stderr naming the file (and the line, for CSV).

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        Path file = writeText("bad.csv", "label,x1,x2\n0,1.0,0.0\n1,abc,0.5\n");
        assertBadInput(CliRun.of("geometry", file.toString()), file + ":3:", "coordinate 1", "'abc'");
    }

    @Test
    void nonIntegerLabelNamesFileAndLine() throws IOException {
        Path file = writeText("bad.csv", "0,1.0,0.0\n1.5,0.0,1.0\n");
        assertBadInput(CliRun.of("geometry", file.toString()), file + ":2:", "label '1.5'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "inf", "-inf", "Infinity", "1e999"})
    void nonFiniteValueNamesFileAndLine(String value) throws IOException {
        Path file = writeText("bad.csv", "label,x1,x2\n0,1.0,0.0\n1,0.0,1.0\n2,-1.0," + value + "\n");
        assertBadInput(CliRun.of("geometry", file.toString()), file + ":4:", "coordinate 2", "'" + value + "'");
    }

    @Test
    void raggedRowNamesFileAndLine() throws IOException {
        Path file = writeText("ragged.csv", "label,x1,x2\n0,1.0,0.0\n1,0.0\n");
        assertBadInput(CliRun.of("geometry", file.toString()), file + ":3:", "2 fields, expected 3");
    }

    @Test
    void labelOutsideTheClassesNamesFileAndLine() throws IOException {
        Path file = writeText("labels.csv", "label,x1,x2\n0,1.0,0.0\n1,0.0,1.0\n3,-1.0,0.0\n");
        assertBadInput(CliRun.of("geometry", file.toString(), "--classes", "3"), file + ":4:", "label 3 is outside 0..2");
        Path negative = writeText("negative.csv", "0,1.0,0.0\n-1,0.0,1.0\n");
        assertBadInput(CliRun.of("geometry", negative.toString()), negative + ":2:", "label -1");
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertBadInput(CliRun.of("geometry", missing.toString()), "no such file", missing.toString());
        Path file = writePoints("simplex.csv", collapsed(3, 2, 2, 1.0), labels(3, 2), 3);
        Path missingWeights = dir.resolve("missing-weights.csv");
        assertBadInput(CliRun.of("geometry", file.toString(), "--weights", missingWeights.toString()), "no such file", missingWeights.toString());
        Path npy = writeNpyMatrix("features.npy", collapsed(3, 2, 2, 1.0));
        Path missingLabels = dir.resolve("missing-labels.npy");
        assertBadInput(CliRun.of("geometry", npy.toString(), "--labels", missingLabels.toString()), "no such file", missingLabels.toString());
    }

    @Test
    void weightsOfTheWrongShapeAreNamed() throws IOException {
        Path file = writePoints("simplex.csv", collapsed(3, 2, 2, 1.0), labels(3, 2), 3);
        Path wide = writeWeights("wide.csv", new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertBadInput(CliRun.of("geometry", file.toString(), "--weights", wide.toString()), wide.toString(), "3 x 3", "3 x 2");
        Path tall = writeWeights("tall.csv", new double[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}});
        assertBadInput(CliRun.of("geometry", file.toString(), "--weights", tall.toString()), tall.toString(), "4 x 2", "3 x 2");
        Path badValue = writeText("nan-weights.csv", "w1,w2\n1,0\n0,nan\n-1,0\n");
        assertBadInput(CliRun.of("geometry", file.toString(), "--weights", badValue.toString()), badValue + ":3:", "'nan'");
    }

    @Test
    void npyFeaturesNeedLabels() throws IOException {
        Path npy = writeNpyMatrix("features.npy", collapsed(3, 2, 2, 1.0));
        assertBadInput(CliRun.of("geometry", npy.toString()), npy.toString(), "--labels", ".npy");
    }

    @Test
    void npyLabelErrorsNameTheLabelsFile() throws IOException {
        Path npy = writeNpyMatrix("features.npy", collapsed(3, 2, 2, 1.0));
        Path outside = writeNpyLabels("outside.npy", new int[] {0, 0, 1, 1, 5, 2});
        assertBadInput(CliRun.of("geometry", npy.toString(), "--labels", outside.toString(), "--classes", "3"), outside.toString(),
            "label 5", "outside 0..2");
        Path negative = writeNpyLabels("negative.npy", new int[] {0, -1, 1, 1, 2, 2});
        assertBadInput(CliRun.of("geometry", npy.toString(), "--labels", negative.toString()), negative.toString(), "label -1");
        Path gap = writeNpyLabels("gap.npy", new int[] {0, 0, 2, 2, 2, 2});
        assertBadInput(CliRun.of("geometry", npy.toString(), "--labels", gap.toString()), gap.toString(), "class 1 has no points");
    }

    @Test
    void directoriesAndEmptyWeightsAreBadInputNotInternalErrors() throws IOException {
        Path file = writeText("points.csv", "0,1,0\n0,1,0\n1,-1,0\n1,-1,0\n");
        assertBadInput(CliRun.of("geometry", dir.toString()), "cannot read", dir.toString());
        assertBadInput(CliRun.of("geometry", file.toString(), "--weights", dir.toString()), "cannot read", dir.toString());
        Path empty = writeNpy("empty.npy", "<f8", "(0, 2)", java.nio.ByteBuffer.allocate(0));
        assertBadInput(CliRun.of("geometry", file.toString(), "--weights", empty.toString()), empty.toString(), "0 x 0");
    }

    @Test
    void labelCountMismatchNamesTheLabelsFile() throws IOException {
        Path npy = writeNpyMatrix("features.npy", collapsed(3, 2, 2, 1.0));
        Path shortLabels = writeNpyLabels("labels.npy", new int[] {0, 0, 1, 1, 2});
        assertBadInput(CliRun.of("geometry", npy.toString(), "--labels", shortLabels.toString()), shortLabels.toString(), "5 labels for 6 feature rows");
        Path longText = writeText("labels.txt", "0\n0\n1\n1\n2\n2\n2\n");
        assertBadInput(CliRun.of("geometry", npy.toString(), "--labels", longText.toString()), longText.toString(), "7 labels for 6 feature rows");
    }

    @Test
    void malformedNpyIsNamed() throws IOException {
        Path notNpy = writeText("features.npy", "label,x1\n0,1\n");
        Path labels = writeNpyLabels("labels.npy", new int[] {0, 1});
        assertBadInput(CliRun.of("geometry", notNpy.toString(), "--labels", labels.toString()), notNpy.toString(), "\\x93NUMPY");
        ByteBuffer nan = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.0).putDouble(Double.NaN);
        Path nanNpy = writeNpy("nan.npy", "<f8", "(2, 1)", nan);
        assertBadInput(CliRun.of("geometry", nanNpy.toString(), "--labels", labels.toString()), nanNpy.toString(), "non-finite");
        Path floatLabels = writeNpy("float-labels.npy", "<f8", "(2,)", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0).putDouble(1));
        Path features = writeNpyMatrix("ok.npy", new double[][] {{1}, {-1}});
        assertBadInput(CliRun.of("geometry", features.toString(), "--labels", floatLabels.toString()), floatLabels.toString(), "integer type");
    }

    @Test
    void npyRoundTripOfTheHandWrittenFormat() throws IOException {
        double[][] z = {{1.5, -2.25}, {0.125, 3.0}, {-1.0, 0.5}};
        Path npy = writeNpyMatrix("tiny.npy", z);
        byte[] bytes = Files.readAllBytes(npy);
        assertEquals(128 + 3 * 2 * 8, bytes.length, "preamble and header padded to 128 bytes (as NumPy writes them), then 6 doubles");
        assertEquals('\n', bytes[127]);
        String header = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }"), header);
        assertEquals(1.5, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getDouble(128), 0);
    }
}
