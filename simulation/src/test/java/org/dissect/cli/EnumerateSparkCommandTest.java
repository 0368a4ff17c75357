package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dissect enumerate --spark local[2]}: the Java engine's numbers, from Spark partitions. */
class EnumerateSparkCommandTest {
    @TempDir
    Path dir;

    /** 15 points of 3 unbalanced classes in R^3 at varying norms: 116,280 batches of 7, 29 lanes. */
    private Path points() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder s = new StringBuilder("label,x,y,z\n");
        for (int i = 0; i < 15; i++) {
            s.append(i % 4 == 3 ? 2 : i % 2);
            for (int d = 0; d < 3; d++) {
                s.append(',').append(random.nextDouble() * 2 - 1);
            }
            s.append('\n');
        }
        Path f = dir.resolve("points.csv");
        Files.writeString(f, s);
        return f;
    }

    @Test
    void sparkGivesTheJavaEnginesTotalGradientAndHistogramBitForBit() throws IOException {
        Path points = points();
        CliRun java = CliRun.of("enumerate", points.toString(), "--batch", "7", "--engine", "java", "--threads", "2",
            "--gradient", dir.resolve("java-gradient.csv").toString(), "--histogram", dir.resolve("java-hist.csv").toString(),
            "--json", "--no-progress");
        CliRun spark = CliRun.of("enumerate", points.toString(), "--batch", "7", "--spark", "local[2]",
            "--gradient", dir.resolve("spark-gradient.csv").toString(), "--histogram", dir.resolve("spark-hist.csv").toString(),
            "--json", "--no-progress");
        assertEquals(0, java.exitCode(), java.err());
        assertEquals(0, spark.exitCode(), spark.err());
        assertEquals("", spark.err(), "Spark's logging stays off the console");
        JsonNode j = java.json();
        JsonNode s = spark.json();
        assertEquals("116280", s.get("batchCount").asText());
        assertEquals(j.get("lanes").asInt(), s.get("lanes").asInt());
        assertEquals(Double.doubleToLongBits(j.get("totalLoss").asDouble()), Double.doubleToLongBits(s.get("totalLoss").asDouble()));
        assertEquals(j.get("totalLoss").asText(), s.get("totalLoss").asText());
        assertEquals("java", s.get("engine").get("kind").asText());
        assertEquals("Apache Spark local[2]", s.get("engine").get("device").asText());
        assertTrue(s.get("engine").get("fallback").isNull());
        assertEquals(Files.readString(dir.resolve("java-gradient.csv")), Files.readString(dir.resolve("spark-gradient.csv")));
        assertEquals(Files.readString(dir.resolve("java-hist.csv")), Files.readString(dir.resolve("spark-hist.csv")));
    }

    @Test
    void anUnreachableMasterIsOneLineAndExitTwoWithinSeconds() throws IOException {
        Path points = points();
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(15),
            () -> CliRun.of("enumerate", points.toString(), "--batch", "3", "--spark", "spark://127.0.0.1:1"));
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("dissect enumerate: --spark spark://127.0.0.1:1: no Spark master answers"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void sparkTakesNeitherThreadsNorAnotherEngine() throws IOException {
        Path points = points();
        for (String[] extra : new String[][] {{"--threads", "2"}, {"--engine", "opencl"}}) {
            CliRun r = CliRun.of("enumerate", points.toString(), "--batch", "3", "--spark", "local[2]", extra[0], extra[1]);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains(extra[0]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
