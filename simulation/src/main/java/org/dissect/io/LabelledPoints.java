package org.dissect.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Labelled points: N points of dimension h, each with a class label in {@code 0..K-1}, and their CSV form.
 *
 * <p><b>CSV format.</b> UTF-8 text, one point per row: the integer label, then the h coordinates, separated
 * by commas ({@code 1,0.5,-0.866}). Blank lines and lines starting with {@code #} are ignored; the first
 * other line may be a header (it is one when its first field is not an integer). Every row has the same
 * number of fields (the header too). Coordinates are decimal numbers ({@code -1.5}, {@code 2e-3}) and must be
 * finite; {@code NaN}, {@code Infinity}, hexadecimal or suffixed forms are rejected. Every defect is reported
 * as a {@link MalformedInputException} reading {@code FILE:LINE: reason}.
 *
 * @param points N rows of length h
 * @param labels N labels in {@code 0..classes-1}
 * @param classes K
 */
public record LabelledPoints(double[][] points, int[] labels, int classes) {
    private static final Pattern INTEGER = CsvFields.INTEGER;

    /**
     * @throws IllegalArgumentException if the shapes disagree, a label leaves {@code 0..classes-1} or a
     *         coordinate is not finite
     */
    public LabelledPoints {
        if (points.length != labels.length) {
            throw new IllegalArgumentException(points.length + " points but " + labels.length + " labels");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        int dim = points.length == 0 ? 0 : points[0].length;
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != dim) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " coordinates, point 0 has " + dim);
            }
            for (double x : points[i]) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("point " + i + " has a non-finite coordinate " + x);
                }
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of point " + i + " is outside 0.." + (classes - 1));
            }
            copy[i] = points[i].clone();
        }
        points = copy;
        labels = labels.clone();
    }

    /** @return N */
    public int size() {
        return points.length;
    }

    /** @return h, the dimension (0 without points) */
    public int dimension() {
        return points.length == 0 ? 0 : points[0].length;
    }

    /** @return a copy of the points */
    @Override
    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    /** @return a copy of the labels */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Reads a CSV file; K is the largest label plus one.
     *
     * @param file the file
     * @return the points
     * @throws MalformedInputException for a defect in the content, with file, line and reason
     * @throws IOException if the file cannot be read
     */
    public static LabelledPoints read(Path file) throws IOException {
        return read(file, OptionalInt.empty());
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @param classes K, or empty for the largest label plus one; labels must lie in {@code 0..K-1}
     * @return the points
     * @throws MalformedInputException for a defect in the content, with file, line and reason
     * @throws IOException if the file cannot be read
     */
    public static LabelledPoints read(Path file, OptionalInt classes) throws IOException {
        String name = file.toString();
        if (classes.isPresent() && classes.getAsInt() < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes.getAsInt());
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int fields = -1;
        int fieldsLine = 0;
        int number = 0;
        int maxLabel = -1;
        boolean first = true;
        // decoding replaces malformed bytes by U+FFFD, so that the line holding them can be named
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.indexOf('\uFFFD') >= 0) {
                    throw new MalformedInputException(name, number, "not UTF-8 text");
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split(",", -1);
                boolean header = first && !INTEGER.matcher(parts[0].strip()).matches();
                first = false;
                if (fields < 0) {
                    fields = parts.length;
                    fieldsLine = number;
                    if (fields < 2) {
                        throw new MalformedInputException(name, number, "a row needs a label and at least one coordinate, got "
                            + fields + " field" + (fields == 1 ? "" : "s"));
                    }
                } else if (parts.length != fields) {
                    throw new MalformedInputException(name, number, parts.length + " fields, expected " + fields
                        + " as on line " + fieldsLine);
                }
                if (header) {
                    continue;
                }
                String label = parts[0].strip();
                if (!INTEGER.matcher(label).matches()) {
                    throw new MalformedInputException(name, number, "label '" + label + "' is not an integer");
                }
                int y;
                try {
                    y = Integer.parseInt(label);
                } catch (NumberFormatException e) {
                    throw new MalformedInputException(name, number, "label '" + label + "' is out of range");
                }
                int k = classes.orElse(Integer.MAX_VALUE);
                if (y < 0 || y >= k) {
                    throw new MalformedInputException(name, number, "label " + y + " is outside 0.."
                        + (classes.isPresent() ? String.valueOf(k - 1) : "K-1") + (classes.isPresent() ? " (K=" + k + ")" : ""));
                }
                double[] z = new double[fields - 1];
                for (int d = 1; d < fields; d++) {
                    z[d - 1] = CsvFields.coordinate(name, number, d, parts[d]);
                }
                maxLabel = Math.max(maxLabel, y);
                rows.add(z);
                labels.add(y);
            }
        }
        if (rows.isEmpty()) {
            throw new MalformedInputException(name, 0, "no points (expected rows 'label,x1,...,xh')");
        }
        int k = classes.orElse(maxLabel + 1);
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        requireEveryClass(name, y, k);
        return new LabelledPoints(rows.toArray(new double[0][]), y, k);
    }

    /**
     * The one label policy of every command that reads labelled points: labels lie in {@code 0..K-1} and
     * every class holds at least one point. So {@code K ≤ N}, which is checked first: a label far beyond the
     * number of points (say 2,000,000,000 in a two-row file) is refused before anything of size K is
     * allocated.
     *
     * @param source the file the labels came from, as the user named it
     * @param labels the N labels (not modified)
     * @param classes K
     * @throws MalformedInputException naming the file, if a label is outside {@code 0..K-1} or a class is empty
     */
    public static void requireEveryClass(String source, int[] labels, int classes) {
        if (classes > labels.length) {
            throw new MalformedInputException(source, 0, "K = " + classes + " classes but only " + labels.length
                + " point" + (labels.length == 1 ? "" : "s") + ": labels must be 0..K-1 with every class present");
        }
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new MalformedInputException(source, 0, "label " + labels[i] + " of point " + i + " is outside 0.."
                    + (classes - 1));
            }
            counts[labels[i]]++;
        }
        for (int y = 0; y < classes; y++) {
            if (counts[y] == 0) {
                throw new MalformedInputException(source, 0, "class " + y + " has no points (K = " + classes
                    + "): labels must be 0..K-1 with every class present");
            }
        }
    }

    /**
     * Writes the points as CSV with a header {@code label,x1,…,xh}; every double in its shortest
     * round-tripping form, so {@link #read} gives the same bits back.
     *
     * @param file the file (created or replaced)
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder s = new StringBuilder("label");
            for (int d = 1; d <= dimension(); d++) {
                s.append(",x").append(d);
            }
            out.write(s.append('\n').toString());
            for (int i = 0; i < points.length; i++) {
                s.setLength(0);
                s.append(labels[i]);
                for (double x : points[i]) {
                    s.append(',').append(x);
                }
                out.write(s.append('\n').toString());
            }
        }
    }
}
