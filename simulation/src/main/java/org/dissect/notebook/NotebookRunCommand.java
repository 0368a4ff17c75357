package org.dissect.notebook;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dissect.io.BadInputException;
import org.dissect.io.OutputPaths;
import org.dissect.theory.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dissect notebook run NOTEBOOK... [--out DIR] [--timeout SECONDS]}: executes notebooks with
 * {@link NotebookRunner} and writes each executed copy to {@code DIR/<file name>}.
 *
 * <p>Every notebook is read and validated before any runs, so a bad path fails at once (exit 2). Then
 * each runs in its own fresh JShell; a failing notebook does not stop the others. On stderr, one line
 * per notebook: {@code NOTEBOOK: 12 code cells, 2.1 s -> DIR/NOTEBOOK} on success, or
 * {@code dissect notebook run: NOTEBOOK: code cell 3 (cell 5 of the notebook), line 2: ename: evalue;
 * executed copy: ...} for the first error of a notebook. Stdout stays empty: cell output goes into the
 * executed copies.
 */
@Command(name = "run", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Execute Java notebooks cell by cell with JShell, in this JVM, and write executed copies with text,"
        + " values, figures (image/png) and errors as Jupyter outputs. The input notebooks are never modified.",
        "Stops a notebook at its first failing cell; the other notebooks still run. One line per notebook on stderr."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every notebook ran without error",
        "1:a cell failed (one stderr line names the notebook, the code cell and the error; the executed copy up to"
            + " that cell is written), or an internal error",
        "2:bad input: a notebook that is missing, not JSON, not nbformat 4 or not for a Java kernel, or a bad option"})
final class NotebookRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NOTEBOOK", description = "the .ipynb files to execute, in order")
    List<Path> notebooks;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/notebooks",
        description = "directory for the executed copies (created if needed)")
    Path out;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "limit on the wall time of one cell")
    double timeout;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName(" ");
        if (ModuleLayer.boot().findModule("jdk.jshell").isEmpty()) {
            err.println(name + ": this Java runtime lacks the jdk.jshell module: run with a full JDK 17 or later");
            err.flush();
            return 1;
        }
        Checks.positive("--timeout", timeout);
        OutputPaths.checkDirectory("--out", out);
        List<Notebook> inputs = new ArrayList<>();
        List<Path> targets = new ArrayList<>();
        Map<Path, Path> seen = new HashMap<>();
        for (Path file : notebooks) {
            Notebook nb = Notebook.read(file);
            Path target = out.resolve(file.getFileName());
            Path key = target.toAbsolutePath().normalize();
            Path previous = seen.putIfAbsent(key, file);
            if (previous != null) {
                throw new BadInputException(previous + " and " + file + " would both be written to " + target
                    + ": run them with different --out directories");
            }
            if (sameFile(file, target)) {
                throw new BadInputException(file + ": its executed copy would overwrite it: choose another --out");
            }
            inputs.add(nb);
            targets.add(target);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--out " + out + ": cannot create the directory: " + e);
        }
        NotebookRunner runner = new NotebookRunner(Duration.ofMillis(Math.max(1, Math.round(timeout * 1000))));
        int failed = 0;
        for (int i = 0; i < inputs.size(); i++) {
            NotebookRunner.Execution ex = runner.run(inputs.get(i));
            ex.write(targets.get(i));
            if (ex.ok()) {
                err.printf("%s: %d code cells, %.1f s -> %s%n", inputs.get(i).file(), ex.codeCells(), ex.seconds(), targets.get(i));
            } else {
                failed++;
                err.printf("%s: %s: %s; executed copy: %s%n", name, inputs.get(i).file(), ex.error().summary(), targets.get(i));
            }
            err.flush();
        }
        return failed == 0 ? 0 : 1;
    }

    private static boolean sameFile(Path input, Path target) {
        try {
            return Files.exists(target) ? Files.isSameFile(input, target)
                : input.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }
}
