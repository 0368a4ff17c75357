package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dissect.io.NpyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CollapseDiagnosticsTest {
    private static final double[][] Z = {{1, 0}, {0.9, 0.1}, {-0.5, 0.8}, {-0.5, -0.8}};
    private static final int[] Y = {0, 0, 1, 2};

    static Stream<Arguments> badInputs() {
        return Stream.of(
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, new int[] {0, 0, 1, 3}, 3),
                "label 3 at index 3 is outside 0..2"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, new int[] {0, 0, 1, -1}, 3),
                "label -1 at index 3 is outside 0..2"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, new int[] {0, 0, 1, 1}, 3),
                "class 2 has no points (K=3; every class needs a mean)"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, new int[] {0, 1, 2}, 3),
                "labels: got 3 labels for 4 points"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(new double[][] {{1, 0}, {1}}, new int[] {0, 1}, 2),
                "points: row 1 has 1 coordinates, row 0 has 2"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(new double[][] {{1, 0}, {1, Double.NaN}}, new int[] {0, 1}, 2),
                "points: row 1, column 1 is NaN (values must be finite)"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(new double[0][], new int[0], 2),
                "points must have at least one row, got none"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, new int[] {0, 0, 0, 0}, 1),
                "classes K must be at least 2, got 1"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, Y, 3).withRadius(0),
                "radius rho must be finite and positive, got 0.0"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, Y, 3).withRadius(Double.NaN),
                "radius rho must be finite and positive, got NaN"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, Y, 3).withLambda(-1),
                "lambda must be finite and positive, got -1.0"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, Y, 3).withWeights(new double[][] {{1, 0}, {0, 1}}),
                "weights must be K x h = 3 x 2, got 2 x 2"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, Y, 3).withWeights(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
                "weights must be K x h = 3 x 2, got 3 x 3"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(Z, Y, 3)
                    .withWeights(new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}, {0, 1}}),
                "weights: row 1, column 1 is Infinity (values must be finite)"),
            Arguments.of((Executable) () -> CollapseDiagnostics.of(new double[][] {{0, 0}, {0, 0}}, new int[] {0, 1}, 2).compute(),
                "radius rho: the mean point norm is 0.0 (all points are zero); give rho explicitly"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsOneLineIllegalArgument(Executable call, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** Four classes in the plane: no regular simplex exists (K > h + 1), flagged, and the deviation stays large. */
    @Test
    void moreClassesThanASimplexAllowsIsFlaggedNotAttainable() {
        double[][] z = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        CollapseReport r = CollapseDiagnostics.of(z, new int[] {0, 1, 2, 3}, 4).compute();
        assertFalse(r.attainable());
        // Inner products 0 and -1 against the ideal -1/3.
        assertEquals(2.0 / 3, r.simplexDeviation(), 1e-15);
        assertEquals(0, r.withinClassSpread().max());
        assertFalse(r.confirmsCollapse(0.1));
        assertFalse(r.toMap().get("attainable") instanceof String);
        assertEquals(Boolean.FALSE, r.toMap().get("attainable"));
    }

    @Test
    void mapKeysComeInTheDocumentedOrderAndAbsentFieldsAreNull() {
        CollapseReport r = CollapseDiagnostics.of(Z, Y, 3).compute();
        Map<String, Object> m = r.toMap();
        assertEquals(List.of("points", "dimension", "classes", "rho", "rhoSource", "gammaAcrossMeans", "gammaToMeans",
            "gammaAcrossWeights", "gammaIdeal", "simplexDeviation", "withinClassSpread", "sumOfMeans", "meanNormSpread",
            "meanNorm", "meanNormDeviation", "innerProductDeviation", "attainable", "nc1", "nc2Equinorm",
            "nc2EquiangularStd", "nc2EquiangularMax", "lambda", "rW", "weightCosineToMeans", "weightGammaToMeans",
            "weightNorms", "weightEquinorm", "weightSimplexDeviation", "c3Deviation", "nc3", "nc4", "weightNormsOverRW",
            "weightNormDeviationFromRW", "collapseDistance"), List.copyOf(m.keySet()));
        assertEquals("mean point norm", m.get("rhoSource"));
        assertEquals(List.of("max", "mean"), List.copyOf(((Map<?, ?>) m.get("withinClassSpread")).keySet()));
        assertEquals(List.of("min", "mean", "max"), List.copyOf(((Map<?, ?>) m.get("gammaAcrossMeans")).keySet()));
        for (String key : List.of("gammaAcrossWeights", "lambda", "rW", "weightCosineToMeans", "nc3", "nc4", "weightNormsOverRW")) {
            assertNull(m.get(key), key);
        }
        assertEquals(4, m.get("points"));
        assertEquals(2, m.get("dimension"));
        assertEquals(3, m.get("classes"));
    }

    @Test
    void mapBecomesJsonWithJacksonWithoutNaN() throws Exception {
        double[][] w = {{1, 0}, {0, 0}, {0, -1}};
        CollapseReport r = CollapseDiagnostics.of(Z, Y, 3).withRadius(1).withWeights(w).withLambda(0.01).compute();
        // A zero weight: its cosine and γ are undefined, and say so as null.
        assertTrue(Double.isNaN(r.weights().orElseThrow().cosineToMeans().min()));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode j = mapper.valueToTree(r.toMap());
        String text = mapper.writeValueAsString(j);
        assertFalse(text.contains("NaN"), text);
        assertTrue(j.get("weightCosineToMeans").get("min").isNull());
        assertTrue(j.get("collapseDistance").isNull());
        assertEquals(1.0, j.get("rho").asDouble());
        assertEquals("given", j.get("rhoSource").asText());
        assertTrue(j.get("rW").asDouble() > 0);
        assertTrue(j.get("nc4").isNumber());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        assertEquals(List.copyOf(r.toMap().keySet()), keys);
    }

    @Test
    void spreadIsRelativeToRho() {
        double[][] z = {{2, 0}, {4, 0}, {-3, 0}, {-3, 0}};
        int[] y = {0, 0, 1, 1};
        CollapseReport r = CollapseDiagnostics.of(z, y, 2).withRadius(2).compute();
        assertEquals(0.5, r.withinClassSpread().max(), 1e-15);
        assertEquals(0.25, r.withinClassSpread().mean(), 1e-15);
        // Means (3, 0) and (-3, 0): norms 1.5ρ, Gram 9 vs ρ² = 4 on the diagonal, -9 vs -4 off it.
        assertEquals(1.25, r.simplexDeviation(), 1e-15);
        assertEquals(0, r.sumOfMeans(), 1e-15);
        assertEquals(1.5, r.meanNorm(), 1e-15);
        assertEquals(0, r.meanNormSpread(), 1e-15);
        assertEquals(0.0, r.gammaIdeal());
        assertEquals(0.0, r.gammaAcrossMeans().max());
    }

    /** The CE optimum written by NumPy (make_fixtures.py): K = 3, h = 2, ρ = 1, λ = 0.01. */
    @Test
    void numpyFixtureOfTheCorollary2OptimumConfirmsCollapse() throws Exception {
        double[][] z = NpyReader.readMatrix(fixture("simplex_k3_points.npy"));
        int[] y = NpyReader.readLabels(fixture("simplex_k3_labels.npy"));
        double[][] w = NpyReader.readMatrix(fixture("simplex_k3_weights.npy"));
        CollapseReport r = CollapseDiagnostics.of(z, y, 3).withRadius(1).withWeights(w).withLambda(0.01).compute();
        assertTrue(r.confirmsCollapse(1e-12), () -> "distance " + r.collapseDistance());
        assertEquals(1.0 / 3, r.gammaAcrossMeans().mean(), 1e-12);
        assertEquals(0, r.weights().orElseThrow().nc4());
        assertEquals(12, r.points());
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CollapseDiagnosticsTest.class.getResource("/org/dissect/io/" + name).toURI());
    }
}
