package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dissect sweep}: the same CSV on 1 and 2 threads, the JSON keys, the output folder. */
class SweepCommandTest {
    @TempDir
    Path dir;

    private static final String GRID = "sweep sc --classes 2:3 --per-class 1,2 --dim 1:2 --batch 3,4 --rho 1 --mode exact,full "
        + "--restarts 2 --seed 3 --out ";

    @Test
    void oneAndTwoThreadsWriteTheSameCsvBitForBit() throws IOException {
        CliRun one = CliRun.of((GRID + dir.resolve("one") + " --threads 1").split(" "));
        CliRun two = CliRun.of((GRID + dir.resolve("two") + " --threads 2").split(" "));
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(0, two.exitCode(), two.err());
        byte[] a = Files.readAllBytes(dir.resolve("one/cells.csv"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("two/cells.csv")));
        // 4 class-size vectors x 2 dims x (2 batches + full)
        assertEquals(1 + 4 * 2 * 3, Files.readAllLines(dir.resolve("one/cells.csv")).size());
        assertTrue(Files.exists(dir.resolve("one/manifest.json")) && Files.exists(dir.resolve("one/best/cell-00023.csv")));
        assertTrue(one.out().contains("verdict: confirmed"), one.out());
    }

    @Test
    void theJsonHasTheDocumentedKeys() {
        CliRun r = CliRun.of("sweep", "ce", "--class-sizes", "2,2", "--class-sizes", "3,1", "--dim", "2", "--rho", "1", "--lambda",
            "0.05", "--restarts", "2", "--steps", "3000", "--json", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertEquals(2, j.get("cells").size());
        for (String key : new String[] {"classes", "classSizes", "dim", "batch", "rho2", "mode", "restarts", "bestLoss", "medianLoss",
            "worstLoss", "bound", "gap", "hypothesesHold", "reachedBest", "classMeanGram", "simplexDeviation", "verdict"}) {
            assertTrue(j.get("cells").get(0).has(key), key);
        }
        for (String key : new String[] {"confirmed", "stuck", "belowBound", "outside"}) {
            assertTrue(j.get("verdict").has(key), key);
        }
        JsonNode imbalanced = j.get("cells").get(1);
        assertTrue(imbalanced.get("bound").isNull() && imbalanced.get("verdict").asText().equals("outside"), imbalanced.toString());
        assertEquals(2, imbalanced.get("classMeanGram").size());
        assertEquals(1, j.get("verdict").get("outside").size());
    }
}
