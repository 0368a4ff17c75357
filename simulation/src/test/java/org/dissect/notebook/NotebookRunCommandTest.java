package org.dissect.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dissect.notebook.TestNotebook.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunCommandTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void executesCellsInOrderCapturingTextValuesAndFiguresWithoutTouchingTheInput() throws IOException {
        TestNotebook nb = TestNotebook.java()
            .markdown("# A title\n", "Some $\\rho$ and *text*.")
            .code("import org.dissect.notebook.Display;\nimport org.knowm.xchart.XYChart;\nimport org.knowm.xchart.XYChartBuilder;\n"
                + "double rW = org.dissect.theory.CrossEntropyBounds.rW(3, 1.0, 0.01);\n"
                + "System.out.println(\"r_W = \" + rW);\nSystem.err.println(\"a warning\");\nSystem.out.println(\"\u03c1 \u2713\");\nrW > 0")
            .code("")
            .code("XYChart chart = new XYChartBuilder().width(320).height(240).title(\"t\").xAxisTitle(\"x\").yAxisTitle(\"y\").build();\n"
                + "chart.addSeries(\"s\", new double[] {1, 2, 3}, new double[] {3, 1, 2});\n"
                + "System.out.println(\"before\");\nDisplay.png(chart);\nSystem.out.println(\"after\");\nint unused = 1;")
            .markdown("Between.")
            .code("System.out.print(\"no value: \");\nrW = 2.0;");
        Path input = nb.write(dir, "synthetic.ipynb");
        byte[] before = Files.readAllBytes(input);

        CliRun r = CliRun.of("notebook", "run", input.toString(), "--out", dir.resolve("out").toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out(), "stdout stays clean");
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith(input + ": 4 code cells, "), r.err());
        assertArrayEquals(before, Files.readAllBytes(input), "the input notebook is never modified");

        JsonNode out = TestNotebook.read(dir.resolve("out/synthetic.ipynb"));
        assertEquals(nb.json().get("metadata").get("kernelspec"), out.get("metadata").get("kernelspec"));
        assertEquals("java", out.get("metadata").get("language_info").get("name").asText());
        assertEquals(4, out.get("nbformat").asInt());
        JsonNode cells = out.get("cells");
        assertEquals(6, cells.size());
        for (int i = 0; i < cells.size(); i++) {
            assertEquals(nb.json().get("cells").get(i).get("id"), cells.get(i).get("id"));
            assertEquals(nb.json().get("cells").get(i).get("source"), cells.get(i).get("source"));
        }
        assertEquals(nb.json().get("cells").get(0), cells.get(0), "markdown cells are untouched");
        assertEquals(nb.json().get("cells").get(4), cells.get(4));

        JsonNode first = cells.get(1);
        assertEquals(1, first.get("execution_count").asInt());
        JsonNode o = first.get("outputs");
        assertEquals(4, o.size(), o.toString());
        assertStream(o.get(0), "stdout", "r_W = 2.0665688280350105\n");
        assertStream(o.get(1), "stderr", "a warning\n");
        assertStream(o.get(2), "stdout", "\u03c1 \u2713\n");
        assertEquals("execute_result", o.get(3).get("output_type").asText());
        assertEquals(1, o.get(3).get("execution_count").asInt());
        assertEquals("true", text(o.get(3).get("data").get("text/plain")));

        JsonNode blank = cells.get(2);
        assertTrue(blank.get("execution_count").isNull(), "blank cells are not executed");
        assertEquals(0, blank.get("outputs").size(), "stale outputs are dropped");

        JsonNode figure = cells.get(3);
        assertEquals(2, figure.get("execution_count").asInt());
        o = figure.get("outputs");
        assertEquals(3, o.size(), o.toString());
        assertStream(o.get(0), "stdout", "before\n");
        assertEquals("display_data", o.get(1).get("output_type").asText());
        assertEquals("<Figure size 320x240>", o.get(1).get("data").get("text/plain").asText());
        byte[] png = Base64.getDecoder().decode(o.get(1).get("data").get("image/png").asText());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8), "a PNG file");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
        assertStream(o.get(2), "stdout", "after\n");

        JsonNode last = cells.get(5);
        assertEquals(3, last.get("execution_count").asInt());
        assertEquals(1, last.get("outputs").size(), "an assignment has no execute_result");
        assertStream(last.get("outputs").get(0), "stdout", "no value: ");
    }

    @Test
    void aFailingCellStopsItsNotebookNamesTheCellAndTheOtherNotebooksStillRun() {
        Path failing = TestNotebook.java()
            .markdown("Intro")
            .code("int y = 4;\nSystem.out.println(\"ok\");")
            .markdown("Then")
            .code("System.out.println(\"before\");\n\nint divide(int a) {\n  return 100 / (a - 4);\n}\ndivide(y);")
            .code("System.out.println(\"never\");")
            .write(dir, "failing.ipynb");
        Path fine = TestNotebook.java().code("1 + 1").write(dir, "fine.ipynb");
        Path out = dir.resolve("executed");

        CliRun r = CliRun.of("notebook", "run", failing.toString(), fine.toString(), "--out", out.toString());

        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.out());
        String[] lines = r.errLines();
        assertEquals(2, lines.length, r.err());
        assertEquals("dissect notebook run: " + failing + ": code cell 2 (cell 4 of the notebook), line 4: "
            + "java.lang.ArithmeticException: / by zero; executed copy: " + out.resolve("failing.ipynb"), lines[0]);
        assertTrue(lines[1].startsWith(fine + ": 1 code cells, "), lines[1]);

        JsonNode cells = TestNotebook.read(out.resolve("failing.ipynb")).get("cells");
        assertEquals(1, cells.get(1).get("execution_count").asInt());
        assertStream(cells.get(1).get("outputs").get(0), "stdout", "ok\n");
        JsonNode failed = cells.get(3);
        assertEquals(2, failed.get("execution_count").asInt());
        assertStream(failed.get("outputs").get(0), "stdout", "before\n");
        JsonNode error = failed.get("outputs").get(1);
        assertEquals("error", error.get("output_type").asText());
        assertEquals("java.lang.ArithmeticException", error.get("ename").asText());
        assertEquals("/ by zero", error.get("evalue").asText());
        assertEquals("java.lang.ArithmeticException: / by zero", error.get("traceback").get(0).asText());
        assertEquals("    at divide, code cell 2, line 4", error.get("traceback").get(1).asText());
        assertEquals("    at code cell 2, line 6", error.get("traceback").get(2).asText());
        JsonNode after = cells.get(4);
        assertTrue(after.get("execution_count").isNull(), "cells after the error do not run");
        assertEquals(0, after.get("outputs").size());

        JsonNode result = TestNotebook.read(out.resolve("fine.ipynb")).get("cells").get(0).get("outputs").get(0);
        assertEquals("2", text(result.get("data").get("text/plain")));
    }

    @Test
    void malformedNotebooksAreBadInputWithOneLineAndNothingRuns() throws IOException {
        Path good = TestNotebook.java().code("System.out.println(1);").write(dir, "good.ipynb");
        Path notJson = Files.writeString(dir.resolve("broken.ipynb"), "{\"cells\": [");
        Path empty = Files.writeString(dir.resolve("empty.ipynb"), "");
        Path v3 = Files.writeString(dir.resolve("v3.ipynb"), "{\"nbformat\": 3, \"worksheets\": []}");
        TestNotebook python = TestNotebook.java().code("print(1)");
        python.json().withObjectProperty("metadata").withObjectProperty("kernelspec").put("language", "python").put("name", "python3");
        python.json().withObjectProperty("metadata").withObjectProperty("language_info").put("name", "python");
        Path py = python.write(dir, "python.ipynb");
        TestNotebook unnamed = TestNotebook.java();
        unnamed.json().remove("metadata");
        Path noLanguage = unnamed.write(dir, "nolanguage.ipynb");
        TestNotebook badCell = TestNotebook.java().code("1");
        ((com.fasterxml.jackson.databind.node.ObjectNode) badCell.json().get("cells").get(0)).put("cell_type", "heading");
        Path heading = badCell.write(dir, "heading.ipynb");
        Path out = dir.resolve("out");

        String[][] cases = {
            {dir.resolve("missing.ipynb").toString(), "no such file"},
            {dir.toString(), "not a regular file"},
            {notJson.toString(), "not JSON"},
            {empty.toString(), "not JSON: the file is empty"},
            {v3.toString(), "not an nbformat 4 notebook (nbformat is 3)"},
            {py.toString(), "not a Java notebook (metadata.kernelspec.language is \"python\""},
            {noLanguage.toString(), "not a Java notebook"},
            {heading.toString(), "cell 1 has cell_type 'heading'"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("notebook", "run", good.toString(), c[0], "--out", out.toString());
            assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().startsWith("dissect notebook run: " + c[0] + ": "), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(out), "inputs are validated before any notebook runs");
    }

    @Test
    void badOptionsAndClashingOutputsAreBadInput() throws IOException {
        Path nb = TestNotebook.java().code("1").write(dir, "a.ipynb");
        Files.createDirectories(dir.resolve("sub"));
        Path twin = TestNotebook.java().code("2").write(dir.resolve("sub"), "a.ipynb");

        CliRun sameName = CliRun.of("notebook", "run", nb.toString(), twin.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, sameName.exitCode());
        assertTrue(sameName.err().contains("would both be written to"), sameName.err());

        CliRun overwrite = CliRun.of("notebook", "run", nb.toString(), "--out", dir.toString());
        assertEquals(2, overwrite.exitCode());
        assertTrue(overwrite.err().contains("its executed copy would overwrite it"), overwrite.err());

        CliRun timeout = CliRun.of("notebook", "run", nb.toString(), "--timeout", "0");
        assertEquals(2, timeout.exitCode());
        assertEquals("dissect notebook run: --timeout must be finite and positive, got 0.0", timeout.err().strip());

        CliRun outIsFile = CliRun.of("notebook", "run", nb.toString(), "--out", nb.toString());
        assertEquals(2, outIsFile.exitCode());
        assertTrue(outIsFile.err().contains(": is a file, not a directory"), outIsFile.err());

        CliRun none = CliRun.of("notebook", "run");
        assertEquals(2, none.exitCode());
        assertEquals(1, none.errLines().length, none.err());
    }

    private static void assertStream(JsonNode output, String name, String text) {
        assertEquals("stream", output.get("output_type").asText(), output.toString());
        assertEquals(name, output.get("name").asText(), output.toString());
        assertEquals(text, text(output.get("text")));
    }

    /** Joins nbformat's multi-line strings (a string or a list of lines). */
    static String text(JsonNode multiline) {
        if (multiline.isTextual()) {
            return multiline.asText();
        }
        StringBuilder s = new StringBuilder();
        multiline.forEach(l -> s.append(l.asText()));
        return s.toString();
    }
}
