package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateCommandTest {

    @Test
    void exactModeOnFigure6SettingReachesTheBoundAndCollapses(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("simulate", "sc", "--classes", "3", "--per-class", "4", "--dim", "2", "--batch", "9", "--rho", "1",
            "--engine", "java", "--out", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        double loss = j.get("finalMeanLoss").asDouble();
        assertTrue(loss - 12.120150 < 2e-5 && loss >= 12.1201501, "finalMeanLoss " + loss);
        assertEquals(12.1201501274, j.get("meanBound").asDouble(), 1e-9);
        assertEquals(loss / 9, j.get("finalLossPerAnchor").asDouble(), 1e-15);
        assertTrue(j.get("simplexDeviation").asDouble() < 1e-3);
        assertEquals("java", j.get("engine").get("kind").asText(), j.get("engine").toString());
        assertTrue(j.get("engine").get("fallback").isNull(), j.get("engine").toString());
        for (String key : new String[] {"gap", "withinClassSpread", "steps", "seconds", "stepsPerSecond", "threads"}) {
            assertTrue(j.has(key), key);
        }
        assertTrue(Files.readString(dir.resolve("configuration.csv")).startsWith("label,x0,x1"));
        assertTrue(Files.readAllLines(dir.resolve("trace.csv")).size() > 2);
        JsonNode manifest = Json.mapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals(1, manifest.get("seed").asInt());
        assertEquals("simulate sc", manifest.get("command").asText());
        assertTrue(manifest.has("version") && manifest.has("engine"));
    }

    @Test
    void fullModeReachesFigure1TopValue() {
        CliRun r = CliRun.of("simulate", "sc", "--classes", "3", "--per-class", "100", "--dim", "2", "--rho2", "5", "--mode", "full",
            "--engine", "java", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(4.59624, r.json().get("finalLossPerAnchor").asDouble(), 1e-4);
        assertEquals(300, r.json().get("batch").asInt());
    }

    @Test
    void crossEntropyReachesCorollary2(@TempDir Path dir) {
        CliRun r = CliRun.of("simulate", "ce", "--classes", "3", "--per-class", "100", "--dim", "2", "--rho", "1", "--lambda", "0.01",
            "--engine", "java", "--out", dir.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        double rW = j.get("rW").asDouble();
        assertEquals(2.06657, rW, 5e-6);
        assertEquals(rW, j.get("meanWeightNorm").asDouble(), 1e-3 * rW);
        double gap = j.get("finalLoss").asDouble() - j.get("bound").asDouble();
        assertTrue(gap < 1e-4 && gap > -1e-12, "gap " + gap);
        assertEquals(j.get("ce").asDouble() + j.get("penalty").asDouble(), j.get("finalLoss").asDouble(), 1e-15);
        assertTrue(j.get("simplexDeviation").asDouble() < 1e-6);
        assertTrue(Files.exists(dir.resolve("weights.csv")));
    }

    @Test
    void moreClassesThanASimplexFitsIsLegalButFlagged() {
        CliRun r = CliRun.of("simulate", "sc", "--classes", "4", "--per-class", "2", "--dim", "2", "--mode", "full", "--rho", "1",
            "--steps", "50", "--engine", "java", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(false, r.json().get("attainable").asBoolean());
        assertTrue(r.json().get("note").asText().contains("not attainable"));
    }

    @Test
    void sampledModeAtCifarScaleReportsASampleMean() {
        CliRun r = CliRun.of("simulate", "sc", "--classes", "10", "--per-class", "100", "--dim", "64", "--batch", "32", "--rho2", "10",
            "--mode", "sampled", "--steps", "20", "--engine", "java", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.json().get("finalMeanLossSource").asText().contains("sample of 200"));
        assertTrue(r.json().get("gap").asDouble() > 0, "20 SGD steps cannot reach the bound");
    }

    @Test
    void theBlasEngineRunsSampledAndFullModesAndTheCrossEntropyAndSaysSo() {
        String[][] lines = {
            {"simulate", "sc", "--classes", "3", "--per-class", "20", "--dim", "8", "--batch", "16", "--rho2", "4",
                "--mode", "sampled", "--steps", "30", "--engine", "blas", "--threads", "1", "--json"},
            {"simulate", "sc", "--classes", "3", "--per-class", "5", "--dim", "3", "--rho", "1", "--mode", "full",
                "--steps", "30", "--engine", "blas", "--threads", "2", "--json"},
            {"simulate", "ce", "--classes", "3", "--per-class", "10", "--dim", "4", "--rho", "1", "--lambda", "0.01",
                "--steps", "30", "--engine", "blas", "--threads", "2", "--json"},
        };
        for (String[] line : lines) {
            CliRun r = CliRun.of(line);
            assertEquals(0, r.exitCode(), r.err());
            JsonNode engine = r.json().get("engine");
            assertEquals("blas", engine.get("kind").asText(), engine.toString());
            assertTrue(engine.get("device").asText().startsWith("OpenBLAS "), engine.toString());
            assertTrue(engine.get("fallback").isNull(), engine.toString());
            assertEquals(Integer.parseInt(line[line.length - 2]), r.json().get("threads").asInt());
            assertTrue(r.json().get("stepsPerSecond").asDouble() > 0);
        }
    }

    @Test
    void floatPrecisionRunsOnTheBlasEngineAndSaysSo() {
        CliRun r = CliRun.of("simulate", "sc", "--classes", "3", "--per-class", "20", "--dim", "8", "--batch", "16", "--rho2", "4",
            "--mode", "sampled", "--steps", "30", "--precision", "float", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("float", r.json().get("precision").asText());
        assertEquals("blas", r.json().get("engine").get("kind").asText());
        assertTrue(r.json().get("engine").get("device").asText().endsWith("float32 products"), r.json().get("engine").toString());
    }

    @Test
    void theTextOutputShowsTheEngineThreadsAndSpeed() {
        CliRun r = CliRun.of("simulate", "sc", "--classes", "3", "--per-class", "4", "--dim", "2", "--batch", "6", "--rho", "1",
            "--mode", "sampled", "--steps", "20", "--engine", "java", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().map(String::strip).toList();
        assertTrue(lines.contains("engine                     java on 1 Java thread"), r.out());
        assertTrue(lines.contains("threads                    1"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("stepsPerSecond ")), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "simulate sc --classes 3 --per-class 4 --dim 2 --rho 1",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 0",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --mode fast",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --engine cuda",
        "simulate sc --classes 3 --per-class 4 --dim 0 --batch 9 --rho 1",
        "simulate sc --classes 3 --per-class 1000 --dim 2 --batch 100 --rho 1",
        "simulate ce --classes 3 --per-class 4 --dim 2 --rho 1 --lambda 0",
        "simulate ce --classes 3 --per-class 4 --dim 2 --rho -1 --lambda 0.1",
        "simulate ce --classes 4 --per-class 4 --dim 2 --rho 1 --lambda 0.1 --fixed-weights",
        "simulate ce --classes 3 --per-class 4 --dim 2 --rho 1 --lambda 0.1 --engine naive",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --mode sampled --engine naive",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --engine blas",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --mode sampled --threads 0",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --precision float",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --mode sampled --engine java --precision float",
        "simulate sc --classes 3 --per-class 4 --dim 2 --batch 9 --rho 1 --mode sampled --precision half",
    })
    void badInputExitsTwoWithOneLine(String line) {
        CliRun r = CliRun.of(line.split(" "));
        assertEquals(2, r.exitCode(), line + " -> " + r.err());
        String err = r.err().strip();
        assertTrue(!err.isEmpty() && !err.contains("\n") && err.startsWith("dissect simulate"), err);
        assertEquals("", r.out());
    }
}
