package org.dissect.train;

import org.dissect.data.Split;

/**
 * What an encoder trains and is tested on: the training inputs with the labels it is trained on (corrupted or not),
 * and the held-out test split.
 *
 * @param inputs N×d training inputs, row-major
 * @param dim d
 * @param labels the N labels trained on, in {@code 0..classes-1}
 * @param classes K
 * @param perClass n, the images per class of the balanced split before corruption (for Theorem 2's bound)
 * @param testInputs the test inputs, row-major
 * @param testLabels the test labels
 */
public record TrainingSet(double[] inputs, int dim, int[] labels, int classes, int perClass, double[] testInputs,
                          int[] testLabels) {
    /** @throws IllegalArgumentException if the shapes disagree or a label is outside {@code 0..K-1} */
    public TrainingSet {
        if (dim < 1 || (long) labels.length * dim != inputs.length || (long) testLabels.length * dim != testInputs.length) {
            throw new IllegalArgumentException("inputs and labels disagree: " + inputs.length + " and " + testInputs.length
                + " values for " + labels.length + " and " + testLabels.length + " rows of " + dim);
        }
        if (labels.length < 1) {
            throw new IllegalArgumentException("no training images");
        }
        for (int[] ys : new int[][] {labels, testLabels}) {
            for (int y : ys) {
                if (y < 0 || y >= classes) {
                    throw new IllegalArgumentException("label " + y + " is outside 0.." + (classes - 1));
                }
            }
        }
    }

    /**
     * @param split the balanced split
     * @param labels the labels to train on, one per training row of the split (its clean labels, or corrupted ones)
     * @return the training set
     */
    public static TrainingSet of(Split split, int[] labels) {
        return new TrainingSet(split.trainInputs(), split.data().dim(), labels, split.data().classes(), split.perClass(),
            split.testInputs(), split.testLabels());
    }

    /** @return N */
    public int size() {
        return labels.length;
    }
}
