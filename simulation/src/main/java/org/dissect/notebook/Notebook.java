package org.dissect.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A validated Jupyter notebook (nbformat 4) whose kernel language is Java, read into a Jackson tree.
 *
 * <p>Accepted: a regular file holding one JSON object with {@code nbformat: 4}, a {@code cells} array
 * of objects with {@code cell_type} code, markdown or raw and a {@code source} that is a string or an
 * array of strings, and {@code metadata.kernelspec.language} and/or {@code metadata.language_info.name}
 * present and equal to {@code java} (case-insensitive). Everything else in the file is kept as it is.
 */
public final class Notebook {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Jupyter's own layout: one space of indentation per level, {@code "key": value}, {@code {}} and {@code []}. */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator(""))
        .withObjectIndenter(new DefaultIndenter(" ", "\n"))
        .withArrayIndenter(new DefaultIndenter(" ", "\n")));
    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");

    private final Path file;
    private final ObjectNode root;

    private Notebook(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads and validates a notebook.
     *
     * @param file the {@code .ipynb} file (not modified)
     * @return the notebook
     * @throws InvalidNotebookException (one line naming the file) if the file is missing, unreadable, not
     *         JSON, not nbformat 4, malformed, or not for a Java kernel
     */
    public static Notebook read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidNotebookException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidNotebookException(file + ": not JSON: " + firstLine(e.getOriginalMessage())
                + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw new InvalidNotebookException(file + ": cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidNotebookException(file + ": not JSON: the file is empty");
        }
        if (!tree.isObject()) {
            throw new InvalidNotebookException(file + ": not a notebook: the JSON is not an object");
        }
        ObjectNode root = (ObjectNode) tree;
        JsonNode format = root.get("nbformat");
        if (format == null || !format.isIntegralNumber() || format.asInt() != 4) {
            throw new InvalidNotebookException(file + ": not an nbformat 4 notebook (nbformat is "
                + (format == null ? "missing" : format.toString()) + ")");
        }
        checkLanguage(file, root.path("metadata"));
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw new InvalidNotebookException(file + ": malformed notebook: no 'cells' array");
        }
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            String where = file + ": malformed notebook: cell " + (i + 1);
            if (!cell.isObject()) {
                throw new InvalidNotebookException(where + " is not an object");
            }
            String type = cell.path("cell_type").asText("");
            if (!CELL_TYPES.contains(type)) {
                throw new InvalidNotebookException(where + " has cell_type '" + type + "' (expected code, markdown or raw)");
            }
            if (!isSource(cell.get("source"))) {
                throw new InvalidNotebookException(where + " has no 'source' string or array of strings");
            }
        }
        return new Notebook(file, root);
    }

    private static void checkLanguage(Path file, JsonNode metadata) {
        JsonNode kernel = metadata.path("kernelspec").path("language");
        JsonNode info = metadata.path("language_info").path("name");
        boolean any = kernel.isTextual() || info.isTextual();
        boolean java = (!kernel.isTextual() || isJava(kernel.asText())) && (!info.isTextual() || isJava(info.asText()));
        if (!any || !java) {
            throw new InvalidNotebookException(file + ": not a Java notebook (metadata.kernelspec.language is "
                + describe(kernel) + ", metadata.language_info.name is " + describe(info) + "; expected java)");
        }
    }

    private static boolean isJava(String language) {
        return language.trim().toLowerCase(Locale.ROOT).equals("java");
    }

    private static String describe(JsonNode n) {
        return n.isMissingNode() ? "missing" : n.toString();
    }

    private static boolean isSource(JsonNode source) {
        if (source == null) {
            return false;
        }
        if (source.isTextual()) {
            return true;
        }
        if (!source.isArray()) {
            return false;
        }
        for (JsonNode line : source) {
            if (!line.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A cell's source as one string (nbformat stores it as a string or as a list of lines that
     * concatenate to it).
     *
     * @param cell a validated cell
     * @return the source text
     */
    static String source(JsonNode cell) {
        JsonNode source = cell.get("source");
        if (source.isTextual()) {
            return source.asText();
        }
        StringBuilder s = new StringBuilder();
        source.forEach(line -> s.append(line.asText()));
        return s.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** @return the file the notebook was read from */
    public Path file() {
        return file;
    }

    /** @return the number of code cells */
    public int codeCells() {
        int n = 0;
        for (JsonNode cell : root.get("cells")) {
            n += cell.get("cell_type").asText().equals("code") ? 1 : 0;
        }
        return n;
    }

    /** @return a deep copy of the notebook's JSON (the notebook itself is never modified) */
    public ObjectNode json() {
        return root.deepCopy();
    }

    /**
     * Writes a notebook tree in Jupyter's layout (UTF-8, one-space indentation, final newline),
     * creating the parent directories.
     *
     * @param json the notebook (not modified)
     * @param file where to write (replaced if present)
     */
    static void write(ObjectNode json, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, WRITER.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
