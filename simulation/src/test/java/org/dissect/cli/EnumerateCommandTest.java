package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code dissect enumerate} end to end, through the same command line {@code main} runs. */
class EnumerateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Dissect.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** The Fig. 6 setting: K=3, n=4 on the unit circle, every class at one vertex of a triangle. */
    private Path figureSixSimplex() throws IOException {
        StringBuilder s = new StringBuilder("label,x,y\n");
        for (int i = 0; i < 12; i++) {
            int y = i % 3;
            double a = Math.PI / 2 + 2 * Math.PI * y / 3;
            s.append(y).append(',').append(Math.cos(a)).append(',').append(Math.sin(a)).append('\n');
        }
        Path f = dir.resolve("fig6.csv");
        Files.writeString(f, s);
        return f;
    }

    @Test
    void figureSixSimplexMeanLossEqualsTheTheorem2BoundInJson() throws IOException {
        Path hist = dir.resolve("hist.csv");
        int code = run("enumerate", figureSixSimplex().toString(), "--batch", "9", "--engine", "java", "--threads", "2",
            "--histogram", hist.toString(), "--json");
        assertEquals(0, code, err.toString());
        assertEquals("", err.toString());
        JsonNode o = Json.mapper().readTree(out.toString());
        for (String key : List.of("batchCount", "totalLoss", "meanLoss", "engine", "threads", "seconds",
            "batchesPerSecond", "meanBound", "gap")) {
            assertTrue(o.has(key), key);
        }
        assertTrue(o.get("batchCount").isTextual());
        assertEquals("167960", o.get("batchCount").asText());
        assertEquals(12.120150127382521, o.get("meanLoss").asDouble(), 1e-12);
        assertEquals(o.get("meanBound").asDouble(), o.get("meanLoss").asDouble(), 1e-12 * 12.12);
        assertTrue(Math.abs(o.get("gap").asDouble()) < 1e-12);
        assertEquals("java", o.get("engine").get("kind").asText());
        assertEquals("2 Java threads", o.get("engine").get("device").asText());
        assertTrue(o.get("engine").get("fallback").isNull());
        assertEquals(2, o.get("threads").asInt());
        assertEquals(12, o.get("configurations").asInt());
        List<String> rows = Files.readAllLines(hist);
        assertEquals("configuration,l1,l2,l3,batches,minLoss,meanLoss,maxLoss,lossAtSimplex", rows.get(0));
        assertEquals(13, rows.size());
        assertTrue(rows.get(1).startsWith("\"(9,0,0)\",9,0,0,660,"), rows.get(1));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double min = Double.parseDouble(f[f.length - 4]);
            double max = Double.parseDouble(f[f.length - 2]);
            double level = Double.parseDouble(f[f.length - 1]);
            assertEquals(level, min, 1e-12 * level, row);
            assertEquals(level, max, 1e-12 * level, row);
        }
    }

    @Test
    void textOutputNamesTheBoundAndTheEngine() throws IOException {
        int code = run("enumerate", figureSixSimplex().toString(), "--batch", "3", "--engine", "java", "--threads", "1");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("batches |B| = C(N+b-1, b)   364"), text);
        assertTrue(text.contains("Theorem 2 mean bound"), text);
        assertTrue(text.contains("java on 1 Java thread"), text);
    }

    @Test
    void unbalancedLabelsGetNoBoundButSayWhy() throws IOException {
        Path f = dir.resolve("unbalanced.csv");
        Files.writeString(f, "0,1,0\n0,0,1\n1,-1,0\n");
        assertEquals(0, run("enumerate", f.toString(), "--batch", "4", "--engine", "java", "--json"), err.toString());
        JsonNode o = Json.mapper().readTree(out.toString());
        assertFalse(o.has("meanBound"));
        assertFalse(o.has("gap"));
        assertTrue(o.get("boundNote").asText().contains("unbalanced"), o.toString());
    }

    @Test
    void naiveAndJavaEnginesAgreeAndTheGradientFileHasOneRowPerPoint() throws IOException {
        Path f = dir.resolve("random.csv");
        Files.writeString(f, "0,0.3,1.2\n1,-0.7,0.1\n0,0.9,-0.4\n2,0.2,0.2\n1,-1.1,-0.5\n");
        Path g = dir.resolve("grad.csv");
        assertEquals(0, run("enumerate", f.toString(), "--batch", "5", "--engine", "naive", "--json"), err.toString());
        double naive = Json.mapper().readTree(out.toString()).get("totalLoss").asDouble();
        out.getBuffer().setLength(0);
        assertEquals(0, run("enumerate", f.toString(), "--batch", "5", "--engine", "java", "--gradient", g.toString(),
            "--json"), err.toString());
        double java = Json.mapper().readTree(out.toString()).get("totalLoss").asDouble();
        assertEquals(naive, java, 1e-12 * naive);
        List<String> rows = Files.readAllLines(g);
        assertEquals("point,dL/dx1,dL/dx2", rows.get(0));
        assertEquals(6, rows.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ragged row          | 0,1,2\\n1,2\\n                 | :2: 2 fields, expected 3 as on line 1",
        "not a number        | 0,1,2\\n1,2,abc\\n            | :2: coordinate 2 'abc' is not a finite decimal number",
        "non-finite          | 0,1,2\\n1,2,NaN\\n            | :2: coordinate 2 'NaN' is not a finite decimal number",
        "negative label      | x,y,z\\n-1,1,2\\n             | :2: label -1 is outside 0..K-1",
        "label not integer   | 0,1,2\\nA,1,2\\n              | :2: label 'A' is not an integer",
        "empty               | label,x\\n                   | : no points",
    })
    void malformedFilesExitTwoWithFileLineAndReasonOnOneLine(String name, String content, String reason) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, content.replace("\\n", "\n"));
        assertEquals(Dissect.BAD_INPUT, run("enumerate", f.toString(), "--batch", "3", "--engine", "java"));
        assertEquals("", out.toString());
        String line = err.toString();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("dissect enumerate: " + f + reason), line);
    }

    @Test
    void labelsOutsideTheGivenClassCountExitTwo() throws IOException {
        Path f = dir.resolve("k.csv");
        Files.writeString(f, "0,1\n1,2\n2,3\n");
        assertEquals(Dissect.BAD_INPUT, run("enumerate", f.toString(), "--batch", "3", "--classes", "2"));
        assertEquals("dissect enumerate: " + f + ":3: label 2 is outside 0..1 (K=2)", err.toString().strip());
    }

    @Test
    void aMissingFileExitsTwo() {
        Path f = dir.resolve("nowhere.csv");
        assertEquals(Dissect.BAD_INPUT, run("enumerate", f.toString(), "--batch", "3"));
        assertEquals("dissect enumerate: " + f + ": no such file", err.toString().strip());
    }

    @Test
    void spacesBeyondTwoToTheSixtyThreeAreRefusedWithOneLine() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            s.append(i % 2).append(',').append(Math.cos(i)).append(',').append(Math.sin(i)).append('\n');
        }
        Path f = dir.resolve("big.csv");
        Files.writeString(f, s);
        assertEquals(Dissect.BAD_INPUT, run("enumerate", f.toString(), "--batch", "40", "--engine", "java"));
        String line = err.toString().strip();
        assertEquals(1, line.lines().count());
        assertTrue(line.contains("more than 2^63-1"), line);
    }

    @ParameterizedTest
    @CsvSource({"--batch,1", "--threads,0", "--engine,cuda", "--engine,blas"})
    void badOptionsExitTwo(String option, String value) throws IOException {
        Path f = figureSixSimplex();
        List<String> args = new java.util.ArrayList<>(List.of("enumerate", f.toString(), "--batch", "3"));
        if (option.equals("--batch")) {
            args.set(3, value);
        } else {
            args.add(option);
            args.add(value);
        }
        assertEquals(Dissect.BAD_INPUT, run(args.toArray(new String[0])));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
