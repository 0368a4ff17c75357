package org.dissect.diagnostics;

import org.dissect.theory.Checks;

/**
 * Shape and value checks of the diagnostics' inputs. Every failure is an
 * {@link IllegalArgumentException} whose one-line message names the argument, the offending index
 * and the value or shape found.
 */
final class Inputs {
    private Inputs() {
    }

    /**
     * Requires a non-empty rectangular matrix of finite numbers with at least one column.
     *
     * @param name argument name used in messages
     * @param rows matrix as rows (not modified)
     * @return the number of columns
     */
    static int matrix(String name, double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one row, got none");
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException(name + " must have at least one column, got none");
        }
        int cols = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null || row.length != cols) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + (row == null ? 0 : row.length)
                    + " coordinates, row 0 has " + cols);
            }
            for (int k = 0; k < cols; k++) {
                if (!Double.isFinite(row[k])) {
                    throw new IllegalArgumentException(name + ": row " + i + ", column " + k + " is " + row[k]
                        + " (values must be finite)");
                }
            }
        }
        return cols;
    }

    /**
     * Requires a matrix of exactly {@code rowCount × colCount} finite numbers.
     *
     * @param name argument name used in messages
     * @param rows matrix as rows (not modified)
     * @param rowCount expected number of rows
     * @param colCount expected number of columns
     * @param why what the expected shape is, e.g. "K x h"
     */
    static void matrix(String name, double[][] rows, int rowCount, int colCount, String why) {
        int cols = matrix(name, rows);
        if (rows.length != rowCount || cols != colCount) {
            throw new IllegalArgumentException(name + " must be " + why + " = " + rowCount + " x " + colCount
                + ", got " + rows.length + " x " + cols);
        }
    }

    /**
     * Requires one label per point, each in {@code 0..classes-1}, and every class non-empty.
     *
     * @param labels labels (not modified)
     * @param points number of points N
     * @param classes number of classes K, at least 2
     * @return the class sizes
     */
    static int[] labels(int[] labels, int points, int classes) {
        Checks.atLeast("classes K", classes, 2);
        if (labels == null || labels.length != points) {
            throw new IllegalArgumentException("labels: got " + (labels == null ? 0 : labels.length)
                + " labels for " + points + " points");
        }
        int[] counts = Checks.classCounts(labels, classes);
        for (int y = 0; y < classes; y++) {
            if (counts[y] == 0) {
                throw new IllegalArgumentException("class " + y + " has no points (K=" + classes
                    + "; every class needs a mean)");
            }
        }
        return counts;
    }

    /**
     * Requires every label to index a row of {@code means}.
     *
     * @param labels labels (not modified)
     * @param points number of points N
     * @param classes number of means
     */
    static void labelsIndex(int[] labels, int points, int classes) {
        if (labels == null || labels.length != points) {
            throw new IllegalArgumentException("labels: got " + (labels == null ? 0 : labels.length)
                + " labels for " + points + " points");
        }
        Checks.classCounts(labels, classes);
    }

    /**
     * Requires two matrices with the same number of columns.
     *
     * @param nameA first argument name
     * @param colsA its columns
     * @param nameB second argument name
     * @param colsB its columns
     */
    static void sameDimension(String nameA, int colsA, String nameB, int colsB) {
        if (colsA != colsB) {
            throw new IllegalArgumentException(nameB + " have dimension " + colsB + ", " + nameA + " have dimension " + colsA);
        }
    }
}
