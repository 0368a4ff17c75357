package org.dissect.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
    @TempDir
    Path dir;

    private NotebookRunner.Execution run(TestNotebook nb) {
        return new NotebookRunner().run(Notebook.read(nb.write(dir, "n.ipynb")));
    }

    @Test
    void cellsHoldAnySequenceOfDeclarationsAndOnlyTheLastExpressionShowsItsValue() {
        TestNotebook nb = TestNotebook.java();
        ((com.fasterxml.jackson.databind.node.ObjectNode) nb.json().get("metadata")).remove("language_info");
        NotebookRunner.Execution ex = run(nb
            .code("// a comment first\nimport java.util.List;\n/* and a block comment */\n"
                + "record Point(double x, double y) {}\n"
                + "int twice(int x) {\n  return helper(x);\n}\n"
                + "int helper(int x) { return 2 * x; }\n"
                + "List.of(new Point(1, 2)).size();\n"
                + "twice(21)")
            .code("int helper(int x) { return 3 * x; }\ntwice(2);\n\n// trailing comment")
            .code("String s = \"text\";\ns")
            .code("System.out.println(s);")
            .code("String d = org.dissect.notebook.NotebookContext.directory().toString();\nd.equals(\"" + dir.toAbsolutePath() + "\")"));
        assertTrue(ex.ok(), () -> ex.error().summary());
        assertEquals(5, ex.codeCells());
        assertEquals(5, ex.executedCells());
        JsonNode cells = ex.executed().get("cells");
        assertEquals("42", result(cells.get(0)), "the last expression of the cell, not the earlier one");
        assertEquals("6", result(cells.get(1)), "a redefined method is used by its callers");
        assertEquals("\"text\"", result(cells.get(2)), "a variable's value, as JShell shows it");
        assertNull(result(cells.get(3)), "a void call has no value");
        assertEquals("true", result(cells.get(4)), "NotebookContext knows the notebook's directory");
        JsonNode info = ex.executed().get("metadata").get("language_info");
        assertEquals("java", info.get("name").asText(), "nbformat requires language_info.name");
        assertEquals(Runtime.version().toString(), info.get("version").asText());
    }

    @Test
    void aCompilationErrorNamesTheLineAndTheCompilersMessage() {
        NotebookRunner.Execution ex = run(TestNotebook.java()
            .code("int a = 1;")
            .code("int b = 2;\n\nString c = b;\nint d = 4;"));
        CellError e = ex.error();
        assertEquals(2, e.codeCell());
        assertEquals(2, e.cell());
        assertEquals(3, e.line());
        assertEquals("CompilationError", e.ename());
        assertTrue(e.evalue().startsWith("incompatible types: int cannot be converted to java.lang.String"), e.evalue());
        assertEquals("code cell 2, line 3: error: " + e.evalue(), e.traceback().get(0));
        assertEquals("    String c = b;", e.traceback().get(1));
        assertEquals("               ^", e.traceback().get(2));
        assertEquals(2, ex.executedCells());
        assertTrue(e.summary().startsWith("code cell 2 (cell 2 of the notebook), line 3: CompilationError: incompatible types"),
            e.summary());
    }

    @Test
    void aKernelMagicIsRejectedWithAHint() {
        CellError e = run(TestNotebook.java().code("%jars ../simulation/target/dissect.jar\nint a = 1;")).error();
        assertEquals("CompilationError", e.ename());
        assertTrue(e.evalue().contains("kernel magic such as %jars"), e.evalue());
    }

    @Test
    void aDeclarationLeftUnresolvedAtTheEndOfItsCellIsAnError() {
        CellError e = run(TestNotebook.java().code("int ok = 1;\n\ndouble f(double x) {\n  return g(x) + 1;\n}")).error();
        assertEquals("UnresolvedReference", e.ename());
        assertEquals(3, e.line());
        assertTrue(e.evalue().startsWith("method f refers to method g(double)"), e.evalue());
    }

    @Test
    void usingAnUnresolvedDeclarationIsAnError() {
        CellError e = run(TestNotebook.java().code("void f() { g(); }\nf();")).error();
        assertEquals("UnresolvedReference", e.ename());
        assertTrue(e.evalue().startsWith("method f cannot be used until method g() is declared"), e.evalue());
    }

    @Test
    void anExceptionKeepsItsCauses() {
        CellError e = run(TestNotebook.java()
            .code("throw new RuntimeException(\"outer\", new IllegalStateException(\"inner\"));")).error();
        assertEquals("java.lang.RuntimeException", e.ename());
        assertEquals("outer", e.evalue());
        assertTrue(e.traceback().contains("Caused by: java.lang.IllegalStateException: inner"), e.traceback().toString());
    }

    @Test
    void aCellPastItsTimeLimitIsStopped() {
        NotebookRunner.Execution ex = new NotebookRunner(Duration.ofMillis(500))
            .run(Notebook.read(TestNotebook.java().code("long spins = 0;\nwhile (true) { spins++; }").write(dir, "loop.ipynb")));
        assertEquals("CellTimeout", ex.error().ename());
        assertEquals("the cell ran longer than its limit of 0.5 s and was stopped", ex.error().evalue());
    }

    @Test
    void aCellThatCallsExitFailsAndTheRunnerGoesOn() {
        String[] exits = {"System.exit(0);", "Runtime.getRuntime().exit(3);", "Runtime.getRuntime().halt(0);",
            "void quit() { System.exit(1); }\nquit();", "Runnable r = () -> Runtime.getRuntime().halt(2);\nr.run();",
            "java.util.function.IntConsumer c = System::exit;\nc.accept(4);"};
        for (String exit : exits) {
            NotebookRunner.Execution ex = run(TestNotebook.java().code("int a = 1;").code(exit).code("int b = 2;"));
            assertNotNull(ex.error(), exit);
            assertTrue(ex.error().evalue().contains("a notebook cell may not end the JVM"), exit + ": " + ex.error().evalue());
            assertEquals(2, ex.error().codeCell(), exit);
            assertEquals(2, ex.executedCells(), "the cell after the exit never ran: " + exit);
        }
        assertTrue(run(TestNotebook.java().code("String exit = \"System.exit\";\nexit.length()")).ok(),
            "the words alone are harmless");
    }

    @Test
    void outsideTheRunnerDisplayShowsNothingAndTheContextIsTheWorkingDirectory() {
        Display.image(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        assertThrows(NullPointerException.class, () -> Display.image(null));
        assertEquals(Path.of("").toAbsolutePath(), NotebookContext.directory());
        assertEquals(Path.of("").toAbsolutePath().resolve("data/x.csv"), NotebookContext.resolve("data/./x.csv"));
    }

    @Test
    void theRunnerRejectsANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new NotebookRunner(Duration.ZERO));
    }

    private static String result(JsonNode cell) {
        for (JsonNode o : cell.get("outputs")) {
            if (o.get("output_type").asText().equals("execute_result")) {
                return NotebookRunCommandTest.text(o.get("data").get("text/plain"));
            }
        }
        return null;
    }
}
