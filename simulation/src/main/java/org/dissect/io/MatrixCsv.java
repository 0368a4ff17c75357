package org.dissect.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an unlabelled numeric matrix from CSV, e.g. classifier weights (one row per class, in label
 * order): an optional header row (a first field that is not a number), blank lines and {@code #} comments
 * skipped, every other row the same number of finite decimal numbers.
 */
public final class MatrixCsv {
    private MatrixCsv() {
    }

    /**
     * @param file the file
     * @return the rows
     * @throws MalformedInputException for a defect in the content, with file, line and reason
     * @throws IOException if the file cannot be read
     */
    public static double[][] read(Path file) throws IOException {
        String name = file.toString();
        List<double[]> rows = new ArrayList<>();
        int fields = -1;
        int fieldsLine = 0;
        int number = 0;
        boolean first = true;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                String trimmed = (number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
                if (trimmed.indexOf('\uFFFD') >= 0) {
                    throw new MalformedInputException(name, number, "not UTF-8 text");
                }
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split(",", -1);
                boolean header = first && !CsvFields.DECIMAL.matcher(parts[0].strip()).matches();
                first = false;
                if (fields < 0) {
                    fields = parts.length;
                    fieldsLine = number;
                } else if (parts.length != fields) {
                    throw new MalformedInputException(name, number, parts.length + " fields, expected " + fields
                        + " as on line " + fieldsLine);
                }
                if (header) {
                    continue;
                }
                double[] row = new double[fields];
                for (int d = 0; d < fields; d++) {
                    row[d] = CsvFields.coordinate(name, number, d + 1, parts[d]);
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new MalformedInputException(name, 0, "no rows of numbers");
        }
        return rows.toArray(new double[0][]);
    }
}
