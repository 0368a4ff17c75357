package org.dissect.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every notebook of the project ({@code notebooks-java/*.ipynb} at the repository root; Maven runs
 * tests in the module directory, hence {@code ../notebooks-java}): this is how the test suite checks that
 * the notebooks still execute against the current toolkit.
 */
class NotebooksTest {
    private static final Path NOTEBOOKS = Path.of("..", "notebooks-java");

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsWithoutError() throws IOException {
        assertTrue(Files.isDirectory(NOTEBOOKS), NOTEBOOKS.toAbsolutePath() + " is missing");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + NOTEBOOKS.toAbsolutePath());
        // A cell takes at most a few seconds here; a hung cell fails in a minute, not the default ten.
        NotebookRunner runner = new NotebookRunner(Duration.ofSeconds(60));
        return notebooks.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            NotebookRunner.Execution ex = runner.run(Notebook.read(file));
            ex.write(out.resolve(file.getFileName()));
            assertTrue(ex.ok(), () -> file + ": " + ex.error().summary() + "\n" + String.join("\n", ex.error().traceback()));
            assertTrue(ex.executedCells() > 0, file + " has no code");
        }));
    }
}
