package org.dissect.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Executes the code cells of a Java notebook in order, as a Jupyter Java kernel would, and produces the
 * executed notebook: the runner behind {@code dissect notebook run}.
 *
 * <h2>Execution</h2>
 * Each notebook gets a fresh {@link JShell} whose snippets run <em>in this JVM</em>
 * ({@link InProcessEngine}: JShell's local engine, with snippet classes loaded by a child of this class's
 * loader). In-process execution is what makes figures simple and exact: notebook code calls
 * {@link Display#png}, which hands the PNG to the sink this runner installs for the cell, with no
 * encoding through a child process's stdout; it also avoids starting and debugging a second JVM per
 * notebook (JShell's default engine), which matters on small machines. The compiler sees this JVM's
 * class path ({@code java.class.path}, plus the code sources of the toolkit's own classes), so notebooks
 * import {@code org.dissect.*}, XChart, Jackson and the other dependencies of the command-line jar,
 * whether the runner was started from the shaded jar or from Maven. No imports are implied: notebooks
 * import what they use, as they must under IJava or JJava.
 *
 * <p>A cell's source is split into snippets with {@link SourceCodeAnalysis#analyzeCompletion}, so a cell
 * may hold any sequence of imports, declarations (methods, classes, records) and statements; like the
 * Java kernels, every statement but a cell's last needs its semicolon, and a method may refer to one
 * declared later in the same cell.
 *
 * <h2>Outputs</h2>
 * For the duration of a cell, {@code System.out} and {@code System.err} are redirected into
 * {@code stream} outputs (stdout, stderr; {@code System.in} reads as empty); each {@link Display} call
 * becomes a {@code display_data} output with {@code image/png} and a {@code text/plain} placeholder; if
 * the cell's last snippet is an expression that is not an assignment ({@code x}, {@code f(x)},
 * {@code 1 + 2}), its value as JShell prints it becomes the cell's {@code execute_result}, as in Jupyter.
 * Code cells get execution counts 1, 2, ... in order; blank code cells are skipped (no count, no
 * output), as nbconvert does. Markdown and raw cells, cell ids and all metadata are copied unchanged;
 * {@code metadata.language_info.version} is set to the running JDK's (and
 * {@code language_info.name} to {@code java} if the notebook had none).
 *
 * <h2>Errors</h2>
 * The first failing cell stops the notebook. A cell fails when a snippet is rejected by the compiler,
 * when it throws, when it uses a declaration whose references are unresolved, when a declaration is
 * still unresolved at the end of the cell, or when the cell runs past the time limit (stopped with
 * {@link JShell#stop()}). The failing cell gets an {@code error} output (ename, evalue, traceback) and
 * the execution ends: later code cells keep no count and no outputs, so that stale outputs cannot pass
 * for fresh ones, and {@link Execution#error()} says where and what.
 *
 * <h2>Caveats of running in-process</h2>
 * Notebook code shares this JVM, and the toolkit's static state persists from one notebook to the next.
 * A cell that calls {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} cannot end the
 * runner: its classes are refused before they run ({@link ExitCalls}), and the cell fails with that reason. Because {@code System.out} and {@link Display} are
 * global, one JVM executes one notebook at a time ({@link #run} serialises its callers). The
 * property {@code java.awt.headless} is set to true if unset, so charts render without a display.
 */
public final class NotebookRunner {
    /** The default limit on one cell's wall time. */
    public static final Duration DEFAULT_CELL_TIMEOUT = Duration.ofMinutes(10);

    private static final Object ONE_AT_A_TIME = new Object();

    private final Duration cellTimeout;

    /**
     * The outcome of executing one notebook.
     *
     * @param notebook the notebook that ran (never modified)
     * @param executed the executed copy: outputs and execution counts filled in
     * @param codeCells the number of code cells in the notebook
     * @param executedCells the number of code cells that ran (the failing one included)
     * @param seconds wall time, JShell start-up included
     * @param error the error that stopped the execution, or null if every cell ran
     */
    public record Execution(Notebook notebook, ObjectNode executed, int codeCells, int executedCells, double seconds,
                            CellError error) {
        /** @return whether every code cell ran without error */
        public boolean ok() {
            return error == null;
        }

        /**
         * Writes the executed copy as nbformat 4 JSON, creating parent directories.
         *
         * @param file where to write (replaced if present)
         */
        public void write(Path file) {
            Notebook.write(executed, file);
        }
    }

    /** A runner with the default cell time limit. */
    public NotebookRunner() {
        this(DEFAULT_CELL_TIMEOUT);
    }

    /**
     * @param cellTimeout the limit on one cell's wall time, positive
     */
    public NotebookRunner(Duration cellTimeout) {
        Objects.requireNonNull(cellTimeout, "cellTimeout");
        if (cellTimeout.isNegative() || cellTimeout.isZero()) {
            throw new IllegalArgumentException("cell timeout must be positive, got " + cellTimeout);
        }
        this.cellTimeout = cellTimeout;
    }

    /**
     * Executes every code cell of a notebook in order in a fresh JShell, stopping at the first error.
     *
     * @param notebook the notebook (not modified)
     * @return the executed copy and where it stopped, if it did
     */
    public Execution run(Notebook notebook) {
        synchronized (ONE_AT_A_TIME) {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
            return new Session(notebook, cellTimeout).run();
        }
    }

    /**
     * The class path snippets are compiled against: {@code java.class.path}, then the code sources of
     * this package and of the libraries notebooks use (which covers loaders that do not publish the class
     * path), then the URLs of this class's loader if it is a {@link URLClassLoader}. Existing entries only,
     * without repeats.
     *
     * @return the entries
     */
    static List<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            addIfPresent(entries, e);
        }
        for (Class<?> anchor : new Class<?>[] {NotebookRunner.class, org.dissect.theory.Checks.class,
            org.knowm.xchart.XYChart.class, com.fasterxml.jackson.databind.ObjectMapper.class}) {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                addIfPresent(entries, source.getLocation());
            }
        }
        if (NotebookRunner.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                addIfPresent(entries, url);
            }
        }
        return new ArrayList<>(entries);
    }

    private static void addIfPresent(Set<String> entries, URL url) {
        if (!"file".equals(url.getProtocol())) {
            return;
        }
        try {
            addIfPresent(entries, Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a plain file location: the compiler could not use it anyway.
        }
    }

    private static void addIfPresent(Set<String> entries, String entry) {
        if (entry.isEmpty()) {
            return;
        }
        Path p = Path.of(entry).toAbsolutePath().normalize();
        if (Files.exists(p)) {
            entries.add(p.toString());
        }
    }

    /** One notebook's execution: its JShell, its streams and where its snippets came from. */
    private static final class Session {
        private final Notebook notebook;
        private final Duration timeout;
        private final Map<String, int[]> snippetLocations = new HashMap<>();
        private final CellOutputs.Channel stdout = new CellOutputs.Channel("stdout");
        private final CellOutputs.Channel stderr = new CellOutputs.Channel("stderr");
        private final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        private final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        private final InProcessEngine engine = new InProcessEngine(NotebookRunner.class.getClassLoader());
        private JShell shell;

        Session(Notebook notebook, Duration timeout) {
            this.notebook = notebook;
            this.timeout = timeout;
        }

        Execution run() {
            long t0 = System.nanoTime();
            ObjectNode executed = notebook.json();
            ArrayNode cells = (ArrayNode) executed.get("cells");
            int codeCell = 0;
            int count = 0;
            CellError error = null;
            ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "notebook-cell-watchdog");
                t.setDaemon(true);
                return t;
            });
            Path directory = notebook.file().toAbsolutePath().getParent();
            NotebookContext.directory(directory);
            try (JShell js = JShell.builder()
                .executionEngine(engine, Map.of())
                .in(InputStream.nullInputStream()).out(out).err(err).build()) {
                shell = js;
                for (String entry : classPath()) {
                    js.addToClasspath(entry);
                }
                for (int i = 0; i < cells.size(); i++) {
                    ObjectNode cell = (ObjectNode) cells.get(i);
                    if (!cell.get("cell_type").asText().equals("code")) {
                        continue;
                    }
                    codeCell++;
                    String source = Notebook.source(cell);
                    if (error != null || source.isBlank()) {
                        cell.putNull("execution_count");
                        cell.putArray("outputs");
                        continue;
                    }
                    count++;
                    CellOutputs outputs = new CellOutputs();
                    error = runCell(source, outputs, count, codeCell, i + 1, watchdog);
                    if (error != null) {
                        outputs.error(error);
                    }
                    cell.put("execution_count", count);
                    cell.set("outputs", outputs.outputs());
                }
            } finally {
                watchdog.shutdownNow();
                NotebookContext.directory(null);
                shell = null;
            }
            ObjectNode info = executed.withObjectProperty("metadata").withObjectProperty("language_info");
            if (!info.has("name")) {
                info.put("name", "java");
            }
            info.put("version", Runtime.version().toString());
            return new Execution(notebook, executed, codeCell, count, (System.nanoTime() - t0) * 1e-9, error);
        }

        /** Runs one cell with the streams and the figure sink pointed at its outputs. */
        private CellError runCell(String source, CellOutputs outputs, int count, int codeCell, int cell,
                                  ScheduledExecutorService watchdog) {
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> stopper = watchdog.scheduleAtFixedRate(() -> {
                // stop() is a no-op while a snippet compiles: repeat it until the cell gives up.
                timedOut.set(true);
                shell.stop();
            }, timeout.toMillis(), 100, TimeUnit.MILLISECONDS);
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            InputStream oldIn = System.in;
            stdout.target(outputs);
            stderr.target(outputs);
            Display.sink(outputs);
            System.setOut(out);
            System.setErr(err);
            System.setIn(new ByteArrayInputStream(new byte[0]));
            try {
                return evaluate(source, outputs, count, codeCell, cell, timedOut);
            } finally {
                stopper.cancel(false);
                out.flush();
                err.flush();
                System.setOut(oldOut);
                System.setErr(oldErr);
                System.setIn(oldIn);
                Display.sink(null);
                stdout.target(null);
                stderr.target(null);
            }
        }

        private CellError evaluate(String source, CellOutputs outputs, int count, int codeCell, int cell,
                                   AtomicBoolean timedOut) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            List<Snippet> declared = new ArrayList<>();
            String remaining = source;
            String lastValue = null;
            while (!remaining.isBlank()) {
                int start = source.length() - remaining.length();
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                String snippet;
                String next;
                if (info.completeness().isComplete() || info.completeness() == SourceCodeAnalysis.Completeness.UNKNOWN) {
                    snippet = info.source() != null ? info.source() : remaining;
                    next = info.source() != null ? info.remaining() : "";
                } else {
                    // Incomplete at the end of the cell: let the compiler say what is missing.
                    snippet = remaining;
                    next = "";
                }
                // JShell numbers a snippet's lines from its first character; leading blank lines would
                // confuse its line numbers, so they go.
                int lead = 0;
                while (lead < snippet.length() && Character.isWhitespace(snippet.charAt(lead))) {
                    lead++;
                }
                snippet = snippet.substring(lead);
                start += lead;
                int line = lineOf(source, start);
                lastValue = null;
                for (SnippetEvent event : shell.eval(snippet)) {
                    if (event.causeSnippet() != null) {
                        continue;
                    }
                    Snippet s = event.snippet();
                    snippetLocations.put(s.id(), new int[] {codeCell, line});
                    if (timedOut.get()) {
                        return timeout(codeCell, cell, line);
                    }
                    if (event.status() == Snippet.Status.REJECTED) {
                        return compilationError(s, source, start, codeCell, cell);
                    }
                    if (event.exception() != null) {
                        return exception(event.exception(), codeCell, cell, line);
                    }
                    String refused = engine.takeRefusal();
                    if (refused != null) {
                        return new CellError(codeCell, cell, line, "ExitRefused", refused,
                            List.of("ExitRefused: " + refused, "    at code cell " + codeCell + ", line " + line));
                    }
                    if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                        declared.add(s);
                    }
                    Snippet.SubKind sub = s.subKind();
                    if (sub == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || sub == Snippet.SubKind.VAR_VALUE_SUBKIND) {
                        lastValue = event.value();
                    }
                }
                if (timedOut.get()) {
                    return timeout(codeCell, cell, line);
                }
                remaining = next;
            }
            for (Snippet s : declared) {
                Snippet.Status status = shell.status(s);
                if (s instanceof DeclarationSnippet d && (status == Snippet.Status.RECOVERABLE_DEFINED
                    || status == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                    int[] at = snippetLocations.get(s.id());
                    String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
                    String message = kind(d) + " " + d.name() + " refers to " + missing + ", which no cell so far declares";
                    return new CellError(codeCell, cell, at[1], "UnresolvedReference", message,
                        List.of("UnresolvedReference: " + message, "    at code cell " + at[0] + ", line " + at[1]));
                }
            }
            if (lastValue != null) {
                outputs.result(count, lastValue);
            }
            return null;
        }

        private CellError timeout(int codeCell, int cell, int line) {
            String message = "the cell ran longer than its limit of " + seconds(timeout) + " and was stopped";
            return new CellError(codeCell, cell, line, "CellTimeout", message,
                List.of("CellTimeout: " + message, "    at code cell " + codeCell + ", line " + line));
        }

        private CellError compilationError(Snippet s, String source, int start, int codeCell, int cell) {
            List<Diag> errors = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
            List<String> traceback = new ArrayList<>();
            int firstLine = lineOf(source, start);
            String first = "the snippet was rejected";
            boolean firstSeen = false;
            for (Diag d : errors) {
                long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
                int at = (int) Math.min(source.length(), start + Math.max(0, pos));
                int line = lineOf(source, at);
                String message = d.getMessage(Locale.ROOT);
                if (!firstSeen) {
                    first = message;
                    firstLine = line;
                    firstSeen = true;
                }
                traceback.add("code cell " + codeCell + ", line " + line + ": error: " + message);
                int lineStart = at == 0 ? 0 : source.lastIndexOf('\n', at - 1) + 1;
                int lineEnd = source.indexOf('\n', lineStart);
                traceback.add("    " + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd));
                traceback.add("    " + " ".repeat(Math.max(0, at - lineStart)) + "^");
            }
            if (s.source().lines().anyMatch(l -> l.stripLeading().startsWith("%"))) {
                first += " (a line starting with % looks like a kernel magic such as %jars: dissect notebook run"
                    + " supports none, and needs none, since the toolkit is on the class path)";
            }
            return new CellError(codeCell, cell, firstLine, "CompilationError", first, traceback);
        }

        private CellError exception(JShellException e, int codeCell, int cell, int line) {
            List<String> traceback = new ArrayList<>();
            int errorLine = line;
            boolean located = false;
            Throwable t = e;
            String prefix = "";
            String ename = null;
            String evalue = null;
            while (t != null) {
                String name;
                String message = t.getMessage() == null ? "" : t.getMessage();
                if (t instanceof EvalException ee) {
                    name = ee.getExceptionClassName();
                } else if (t instanceof UnresolvedReferenceException ure) {
                    name = "UnresolvedReference";
                    DeclarationSnippet d = ure.getSnippet();
                    message = kind(d) + " " + d.name() + " cannot be used until "
                        + shell.unresolvedDependencies(d).collect(Collectors.joining(", ")) + " is declared";
                } else {
                    name = t.getClass().getName();
                }
                if (ename == null) {
                    ename = name;
                    evalue = message;
                }
                traceback.add(prefix + name + (message.isEmpty() ? "" : ": " + message));
                for (StackTraceElement frame : t.getStackTrace()) {
                    String file = frame.getFileName();
                    int[] at = file != null && file.startsWith("#") ? snippetLocations.get(file.substring(1)) : null;
                    if (at != null) {
                        int frameLine = at[1] + Math.max(0, frame.getLineNumber() - 1);
                        String method = frame.getMethodName();
                        traceback.add("    at " + (method.isEmpty() ? "" : method + ", ") + "code cell " + at[0] + ", line " + frameLine);
                        if (!located && at[0] == codeCell) {
                            errorLine = frameLine;
                            located = true;
                        }
                    } else {
                        traceback.add("    at " + frame);
                    }
                }
                t = t.getCause();
                prefix = "Caused by: ";
            }
            return new CellError(codeCell, cell, errorLine, ename, evalue, traceback);
        }

        private static String kind(DeclarationSnippet d) {
            switch (d.kind()) {
                case METHOD:
                    return "method";
                case VAR:
                    return "variable";
                case TYPE_DECL:
                    return "type";
                default:
                    return d.kind().name().toLowerCase(Locale.ROOT);
            }
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
        }
    }

    /** @return the 1-based line of {@code source} holding character {@code offset} */
    static int lineOf(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
