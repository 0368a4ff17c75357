package org.dissect.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dissect.cli.Dissect;
import picocli.CommandLine;

/** Builds small notebooks for the tests and runs the command line in-process. */
final class TestNotebook {
    private final ObjectNode root = Notebook.MAPPER.createObjectNode();
    private final ArrayNode cells;

    private TestNotebook() {
        cells = root.putArray("cells");
        ObjectNode metadata = root.putObject("metadata");
        metadata.putObject("kernelspec").put("name", "java").put("display_name", "Java").put("language", "java");
        metadata.putObject("language_info").put("name", "java");
        root.put("nbformat", 4).put("nbformat_minor", 5);
    }

    /** @return an empty Java notebook */
    static TestNotebook java() {
        return new TestNotebook();
    }

    /** Adds a markdown cell whose source is a list of lines. */
    TestNotebook markdown(String... lines) {
        ObjectNode c = cells.addObject().put("cell_type", "markdown").put("id", "md-" + cells.size());
        c.putObject("metadata").put("tag", "kept");
        ArrayNode source = c.putArray("source");
        for (String l : lines) {
            source.add(l);
        }
        return this;
    }

    /** Adds a code cell whose source is one string, with a stale output that execution must replace. */
    TestNotebook code(String source) {
        ObjectNode c = cells.addObject().put("cell_type", "code").put("id", "code-" + cells.size());
        c.putObject("metadata");
        c.put("execution_count", 99);
        c.putArray("outputs").addObject().put("output_type", "stream").put("name", "stdout").putArray("text").add("stale\n");
        c.put("source", source);
        return this;
    }

    /** @return the JSON tree (live) */
    ObjectNode json() {
        return root;
    }

    /** Writes the notebook and returns its path. */
    Path write(Path dir, String name) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, Notebook.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON file. */
    static JsonNode read(Path file) {
        try {
            return Notebook.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line's exit code, stdout and stderr. */
    record CliRun(int exitCode, String out, String err) {
        static CliRun of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Dissect.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }

        /** @return stderr's lines */
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }
}
