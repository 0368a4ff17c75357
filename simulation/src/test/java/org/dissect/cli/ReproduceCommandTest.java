package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceCommandTest {

    @Test
    void numbersStageWritesTheTableWithThePapersValues(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("reproduce", "numbers", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| 824.487 | 824.487 |"), report);
        assertTrue(report.contains("| 12.12015 | 12.12015 |"), report);
        String floors = Files.readString(dir.resolve("numbers/supcon_floors.csv"));
        assertEquals(1 + 2 * 3 * 2, floors.strip().split("\n").length, "CIFAR-10/100 x batch 256/512/1024 x tau 0.07/0.1");
        assertTrue(r.err().contains("[numbers] done"), r.err());
    }

    @Test
    void quickFigureStageWritesPngSvgCsvAndManifest(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("reproduce", "fig5", "--quick", "--engine", "java", "--seed", "3", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path fig = dir.resolve("fig5");
        BufferedImage png = ImageIO.read(fig.resolve("fig5.png").toFile());
        assertTrue(png.getWidth() > 1000 && png.getHeight() > 500, "rendered at print size");
        assertTrue(Files.readString(fig.resolve("fig5.svg")).contains("<svg"));
        assertTrue(Files.readAllLines(fig.resolve("fig5.csv")).size() == 1 + 7 * 9, "7 configurations x 9 points");
        JsonNode manifest = Json.mapper().readTree(fig.resolve("manifest.json").toFile());
        assertEquals(3, manifest.get("seed").asInt());
        assertTrue(manifest.get("quick").asBoolean());
        assertEquals("java", manifest.get("engine").get("kind").asText(), manifest.toString());
        assertTrue(Files.exists(dir.resolve("gallery/fig5.png")));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("![Fig. 5](fig5/fig5.png)"));
    }

    @Test
    void aFailedStageNamesItselfAndTheOthersStillRun(@TempDir Path dir) throws Exception {
        // A file where fig5's folder should go makes that stage fail.
        Files.writeString(dir.resolve("fig5"), "not a folder");
        CliRun r = CliRun.of("reproduce", "fig5", "numbers", "--quick", "--engine", "java", "--out", dir.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("[fig5] FAILED"), r.err());
        assertTrue(r.err().contains("failed stages: fig5"), r.err());
        assertTrue(r.err().contains("[numbers] done"), r.err());
        assertTrue(Files.exists(dir.resolve("numbers/section.md")));
        assertFalse(Files.readString(dir.resolve("report.md")).contains("Fig. 5"));
    }

    @Test
    void anUnknownTargetIsBadInput() {
        CliRun r = CliRun.of("reproduce", "fig2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().strip().startsWith("dissect reproduce: unknown target 'fig2'"), r.err());
    }
}
