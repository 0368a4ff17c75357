package org.dissect.data;

import java.util.Arrays;

/**
 * A labelled data set of N inputs of dimension d, as the encoder reads them: flat row-major inputs, already scaled
 * (pixels to [0, 1]), labels in {@code 0..K-1}. The first {@code trainPool} rows are where training splits are drawn
 * from; rows beyond it are a designated test set (Fashion-MNIST's {@code t10k} files); without one,
 * {@code trainPool = N}.
 *
 * @param name the data set's name as the command line gives it ({@code digits}, {@code fashion-mnist}, a file)
 * @param inputs N·d values, row-major (not copied: treat as read-only)
 * @param dim d
 * @param labels N labels in {@code 0..classes-1} (not copied: treat as read-only)
 * @param classes K
 * @param trainPool the rows training splits come from, a prefix of the data set
 */
public record Dataset(String name, double[] inputs, int dim, int[] labels, int classes, int trainPool) {
    /**
     * @throws IllegalArgumentException if the sizes disagree, a label is outside {@code 0..K-1} or an input is not finite
     */
    public Dataset {
        if (dim < 1 || (long) labels.length * dim != inputs.length) {
            throw new IllegalArgumentException(name + ": " + inputs.length + " values are not " + labels.length + " rows of "
                + dim);
        }
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": need at least 2 classes, got " + classes);
        }
        if (trainPool < 0 || trainPool > labels.length) {
            throw new IllegalArgumentException(name + ": training pool " + trainPool + " outside 0.." + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of row " + i + " is outside 0.." + (classes - 1));
            }
        }
        for (double v : inputs) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + ": a non-finite input " + v);
            }
        }
    }

    /** @return N, the rows of the whole data set */
    public int size() {
        return labels.length;
    }

    /**
     * @param from the first row
     * @param to one past the last row
     * @return the number of rows of each class among the rows {@code [from, to)}
     */
    public int[] classCounts(int from, int to) {
        int[] c = new int[classes];
        for (int i = from; i < to; i++) {
            c[labels[i]]++;
        }
        return c;
    }

    /**
     * @param rows row indices (not modified)
     * @return their inputs, flat row-major {@code rows.length·d}
     */
    public double[] rows(int[] rows) {
        double[] x = new double[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(inputs, rows[r] * dim, x, r * dim, dim);
        }
        return x;
    }

    /**
     * @param rows row indices (not modified)
     * @return their labels
     */
    public int[] labels(int[] rows) {
        return Arrays.stream(rows).map(r -> labels[r]).toArray();
    }
}
