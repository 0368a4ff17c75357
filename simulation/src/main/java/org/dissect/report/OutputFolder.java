package org.dissect.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An output folder that records the parameters that made it: every writer of results goes through
 * here, so each folder holds a {@code manifest.json} (tool version, time, Java, and every parameter,
 * seed and engine) beside its CSV, PNG and SVG files.
 */
public final class OutputFolder {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    private OutputFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the folder (and its parents) if needed.
     *
     * @param dir the folder
     * @return the output folder
     * @throws IOException if it cannot be created
     */
    public static OutputFolder create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new OutputFolder(dir);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * @param name a file name inside the folder
     * @return its path
     */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /**
     * Writes {@code manifest.json}: {@code tool}, {@code version}, {@code created} (UTC), {@code java}, then
     * the given parameters in their order.
     *
     * @param parameters every parameter of the run (seed and engine included)
     * @throws IOException if writing fails
     */
    public void writeManifest(Map<String, ?> parameters) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "dissect");
        m.put("version", Version.value());
        m.put("created", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("java", System.getProperty("java.version"));
        m.putAll(parameters);
        MAPPER.writeValue(file("manifest.json").toFile(), m);
    }

    /**
     * Writes a CSV file.
     *
     * @param name file name
     * @param header column names
     * @param rows the rows, each already split into cells
     * @throws IOException if writing fails
     */
    public void writeCsv(String name, List<String> header, Iterable<? extends List<?>> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file(name))) {
            w.write(String.join(",", header));
            w.newLine();
            for (List<?> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    line.append(i == 0 ? "" : ",").append(cell(row.get(i)));
                }
                w.write(line.toString());
                w.newLine();
            }
        }
    }

    /**
     * Writes a labelled configuration in the format {@code dissect enumerate} and {@code dissect geometry}
     * read: a header {@code label,x0,x1,…}, then one row per point, label first.
     *
     * @param name file name
     * @param z N·h coordinates
     * @param dim h
     * @param labels N labels, or null for unlabelled rows (weights: one row per class, no label column)
     * @throws IOException if writing fails
     */
    public void writePoints(String name, double[] z, int dim, int[] labels) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file(name))) {
            StringBuilder header = new StringBuilder(labels != null ? "label" : "");
            for (int k = 0; k < dim; k++) {
                header.append(labels == null && k == 0 ? "" : ",").append('x').append(k);
            }
            w.write(header.toString());
            w.newLine();
            for (int n = 0; n < z.length / dim; n++) {
                StringBuilder line = new StringBuilder(labels != null ? Integer.toString(labels[n]) : "");
                for (int k = 0; k < dim; k++) {
                    line.append(labels == null && k == 0 ? "" : ",").append(z[n * dim + k]);
                }
                w.write(line.toString());
                w.newLine();
            }
        }
    }

    /**
     * Writes a text file (Markdown sections, notes).
     *
     * @param name file name
     * @param text the content
     * @throws IOException if writing fails
     */
    public void writeText(String name, String text) throws IOException {
        Files.writeString(file(name), text);
    }

    private static String cell(Object v) {
        if (v instanceof Double d) {
            return Double.toString(d);
        }
        String s = String.valueOf(v);
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * Formats a number for a report table: fixed decimals, locale-independent.
     *
     * @param value the number
     * @param decimals digits after the point
     * @return the text
     */
    public static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
