package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dissect.io.LabelledPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final String[] SMALL = {"train", "--per-class", "10", "--widths", "16,12", "--iterations", "60",
        "--eval-every", "20", "--batch", "32", "--engine", "java", "--json"};

    @TempDir
    Path dir;

    private static CliRun run(String... more) {
        String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, args, SMALL.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void printsTheIssuesJsonKeysAndWritesTheFolder() throws IOException {
        CliRun r = run("--loss", "ce", "--corruption", "0.3", "--out", dir.resolve("ce").toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        for (String key : List.of("dataset", "datasetSize", "classes", "trainSize", "testSize", "loss", "corruption", "fitted",
            "timeToFit", "trainAccuracy", "testAccuracy", "finalLoss", "bound", "engine", "seconds", "timeToFitDefinition")) {
            assertTrue(j.has(key), key + " in " + j);
        }
        assertEquals("digits", j.get("dataset").asText());
        assertEquals(1797, j.get("datasetSize").asInt());
        assertEquals(100, j.get("trainSize").asInt());
        assertEquals(1697, j.get("testSize").asInt());
        assertEquals(30, j.get("labelsChanged").asInt());
        assertEquals("java", j.get("engine").get("kind").asText());
        assertEquals(j.get("fitted").asBoolean(), !j.get("timeToFit").isNull());
        Path out = dir.resolve("ce");
        for (String f : List.of("features.csv", "test-features.csv", "weights.csv", "probe.csv", "labels.csv", "trace.csv",
            "encoder.json", "manifest.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        LabelledPoints features = LabelledPoints.read(out.resolve("features.csv"));
        assertEquals(100, features.size());
        assertEquals(12, features.dimension());
        assertEquals(4, Files.readAllLines(out.resolve("trace.csv")).size());
        JsonNode encoder = new ObjectMapper().readTree(out.resolve("encoder.json").toFile());
        assertEquals("[64,16,12]", encoder.get("widths").toString());
        assertEquals(16, encoder.get("layers").get(0).get("weights").size());
        assertEquals(64, encoder.get("layers").get(0).get("weights").get(0).size());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(1, manifest.get("seed").asLong());
    }

    @Test
    void scReportsItsMeanBatchLossAndTheTheorem2BoundAndARunIsReproducedByItsSeed() throws IOException {
        CliRun a = run("--loss", "sc", "--seed", "7", "--out", dir.resolve("a").toString());
        CliRun b = run("--loss", "sc", "--seed", "7", "--out", dir.resolve("b").toString());
        assertEquals(0, a.exitCode(), a.err());
        JsonNode j = a.json();
        assertTrue(j.get("trainAccuracy").get("head").isNull());
        assertTrue(j.get("finalLossStdError").asDouble() > 0);
        assertTrue(j.get("finalLoss").asDouble() > j.get("bound").asDouble() - 4 * j.get("finalLossStdError").asDouble());
        assertEquals(Files.readString(dir.resolve("a/features.csv")), Files.readString(dir.resolve("b/features.csv")));
        assertEquals(j.get("finalLoss").asDouble(), b.json().get("finalLoss").asDouble(), 0);
    }

    @Test
    void fashionMnistTrainsOnItsTrainingPartAndTestsOnT10k() {
        // CI sets DISSECT_REQUIRE_FASHION_MNIST (.ci/run installs the package): there a missing package fails
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(org.dissect.data.Datasets.FASHION_MNIST_DIR)
            || System.getenv("DISSECT_REQUIRE_FASHION_MNIST") != null, "apt-get install dataset-fashion-mnist");
        CliRun r = CliRun.of("train", "--data", "fashion-mnist", "--per-class", "5", "--widths", "16,12", "--iterations", "10",
            "--eval-every", "5", "--batch", "16", "--engine", "java", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("fashion-mnist", r.json().get("dataset").asText());
        assertEquals(70000, r.json().get("datasetSize").asInt());
        assertEquals(50, r.json().get("trainSize").asInt());
        assertEquals(10000, r.json().get("testSize").asInt());
        assertEquals("[784,16,12]", r.json().get("widths").toString());
    }

    @Test
    void userFilesTrainToo() throws IOException {
        StringBuilder csv = new StringBuilder("label,a,b,c\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2).append(',').append(i % 2 == 0 ? 1 : -1).append(',').append(i * 0.01).append(",0.5\n");
        }
        Path file = Files.writeString(dir.resolve("mine.csv"), csv);
        CliRun r = CliRun.of("train", "--data", file.toString(), "--widths", "8,4", "--iterations", "40", "--eval-every", "20",
            "--batch", "16", "--engine", "java", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.json().get("classes").asInt());
        assertEquals(20, r.json().get("trainSize").asInt());
        assertEquals(20, r.json().get("testSize").asInt());
    }
}
