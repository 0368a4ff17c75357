package org.dissect.theory;

/**
 * Argument checks shared by the whole toolkit. Each check names the parameter and its value,
 * and uses NaN-safe comparisons ({@code !(x > 0)} rejects NaN as well as negatives).
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message is one readable line;
 * the command line prints that line and exits with status 2.
 */
public final class Checks {
    /** The longest array every common JVM allocates ({@code Integer.MAX_VALUE - 8}). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Checks() {
    }

    /**
     * Requires an allocation sized by the arguments to be possible, so that a size that does not fit
     * gives a readable {@link IllegalArgumentException} instead of a {@link NegativeArraySizeException} or
     * an {@link OutOfMemoryError} deep inside a computation.
     *
     * @param what what is allocated, naming the parameters that size it (used in the message)
     * @param length elements of the longest single array
     * @param bytes estimated total bytes
     * @throws IllegalArgumentException if {@code length > MAX_ARRAY_LENGTH} or {@code bytes} exceeds the
     *         heap limit {@code Runtime.maxMemory()}
     */
    public static void allocatable(String what, long length, double bytes) {
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " needs an array of " + length
                + " elements, more than the JVM allows (" + MAX_ARRAY_LENGTH + ")");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(what + " needs about " + String.format("%.3g", bytes)
                + " bytes, more than the heap limit of " + heap + " bytes");
        }
    }

    /**
     * Requires {@code value} to be finite and strictly positive.
     *
     * @param name parameter name used in the message
     * @param value value to check (not modified)
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN, infinite, zero or negative
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and positive, got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value} to be finite.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value >= min}.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @param min smallest legal value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Requires {@code value >= min} for an {@code int}.
     *
     * @param name parameter name used in the message
     * @param value value to check
     * @param min smallest legal value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value < min}
     */
    public static int atLeast(String name, int value, int min) {
        return (int) atLeast(name, (long) value, (long) min);
    }

    /**
     * Requires that a regular simplex of {@code classes} vertices fits in {@code R^dim}
     * (Remark 1 of the paper: it exists iff {@code K <= h + 1}).
     *
     * @param classes number of vertices K
     * @param dim ambient dimension h
     * @throws IllegalArgumentException if {@code K > h + 1}
     */
    public static void simplexFits(int classes, int dim) {
        if (classes - 1L > dim) {
            throw new IllegalArgumentException("a regular simplex with K=" + classes
                + " vertices needs dimension h >= K-1 = " + (classes - 1) + ", got h=" + dim);
        }
    }

    /**
     * Requires every row to have the same dimension (a ragged row would truncate a dot product or
     * overrun an array).
     *
     * @param what what a row is, used in the message ("point", "weight", "vertex")
     * @param rows the rows (not modified)
     * @param dim the dimension every row must have
     * @throws IllegalArgumentException naming the first row of another dimension
     */
    public static void sameDimension(String what, double[][] rows, int dim) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException(what + " " + i + " has dimension " + rows[i].length
                    + ", expected " + dim);
            }
        }
    }

    /**
     * Requires every label to lie in {@code 0..classes-1} and each class to hold the same
     * number of points (the balance the theorems assume).
     *
     * @param labels labels (not modified)
     * @param classes number of classes K
     * @return the common class size n
     * @throws IllegalArgumentException if a label is out of range or the labels are unbalanced
     */
    public static int balanced(int[] labels, int classes) {
        int[] counts = classCounts(labels, classes);
        for (int y = 1; y < classes; y++) {
            if (counts[y] != counts[0]) {
                throw new IllegalArgumentException("labels are unbalanced: class 0 has " + counts[0]
                    + " points, class " + y + " has " + counts[y] + " (the theorem needs equal class sizes)");
            }
        }
        return counts[0];
    }

    /**
     * Counts the points of each class.
     *
     * @param labels labels (not modified)
     * @param classes number of classes K
     * @return {@code counts[y]} = number of labels equal to y
     * @throws IllegalArgumentException if a label lies outside {@code 0..classes-1}, or K counts cannot be
     *         allocated
     */
    public static int[] classCounts(int[] labels, int classes) {
        atLeast("classes K", classes, 0);
        allocatable("class counts (K=" + classes + ")", classes, 4.0 * classes);
        int[] counts = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " at index " + i + " is outside 0.." + (classes - 1));
            }
            counts[y]++;
        }
        return counts;
    }
}
