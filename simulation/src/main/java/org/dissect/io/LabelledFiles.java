package org.dissect.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Rows and their labels as a user gives them on the command line, one reader for every command: a labelled CSV file
 * (label, then coordinates; {@link LabelledPoints}), or a {@code .npy} matrix with {@code --labels} in a {@code .npy}
 * vector or a text file of one integer per line. Every defect is one {@link BadInputException} naming the file.
 */
public final class LabelledFiles {
    /**
     * The rows and labels as read, before any label policy.
     *
     * @param rows the N rows
     * @param labels the N labels
     */
    public record Rows(double[][] rows, int[] labels) {
    }

    private LabelledFiles() {
    }

    /**
     * @param data a labelled CSV file or a {@code .npy} matrix
     * @param labels the labels of a {@code .npy} matrix ({@code .npy} or text), null for a CSV file
     * @param classes K if known (a CSV file's labels are checked against it), else empty
     * @param rowName what a row is, for the messages ({@code "feature"}, {@code "input"})
     * @return the rows and labels
     * @throws BadInputException naming the file: missing, unreadable, malformed, or labels that do not match the rows
     */
    public static Rows read(Path data, Path labels, OptionalInt classes, String rowName) {
        try {
            if (isNpy(data)) {
                if (labels == null) {
                    throw new BadInputException(data + ": --labels is required with .npy " + rowName + "s");
                }
                double[][] x = NpyReader.readMatrix(data);
                int[] y = isNpy(labels) ? NpyReader.readLabels(labels) : labelColumn(labels);
                if (y.length != x.length) {
                    throw new BadInputException(labels + ": " + y.length + " labels for " + x.length + " " + rowName + " rows");
                }
                return new Rows(x, y);
            }
            if (labels != null) {
                throw new BadInputException("--labels applies to .npy " + rowName + "s only; a CSV file carries its labels in column 1");
            }
            LabelledPoints lp = LabelledPoints.read(data, classes);
            return new Rows(lp.points(), lp.labels());
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + e.getFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + data + (labels == null ? "" : " or " + labels) + ": " + e.getMessage());
        }
    }

    /**
     * @param p a path
     * @return whether its name ends in {@code .npy} (any case)
     */
    public static boolean isNpy(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** Labels as text: one integer per line (a first non-numeric line is a header). */
    private static int[] labelColumn(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || (i == 0 && !t.matches("[+-]?\\d+"))) {
                continue;
            }
            if (!t.matches("\\d+")) {
                throw new BadInputException(file + ":" + (i + 1) + ": label '" + t + "' is not a non-negative integer");
            }
            out.add(Integer.parseInt(t));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
