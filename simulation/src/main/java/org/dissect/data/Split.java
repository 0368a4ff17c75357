package org.dissect.data;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * A balanced training split of n images per class (so that the theorems' balanced-label bounds apply at p = 0) and a
 * held-out test split, drawn with a seed. The training rows are drawn without replacement from the data set's training
 * pool, n per class; the test rows are the data set's designated test set if it has one (Fashion-MNIST's 10,000),
 * else every row not in the training split.
 *
 * @param data the data set
 * @param train the training rows, in a seeded random order (class by class is avoided, so no order effect)
 * @param test the test rows, ascending
 * @param perClass n
 */
public record Split(Dataset data, int[] train, int[] test, int perClass) {
    /**
     * Draws a split.
     *
     * @param data the data set
     * @param perClass n, at least 1
     * @param rng the seeded stream (advanced)
     * @return the split
     * @throws IllegalArgumentException naming the class if n exceeds a class's images in the training pool, or if no
     *         test row would remain
     */
    public static Split draw(Dataset data, int perClass, UniformRandomProvider rng) {
        if (perClass < 1) {
            throw new IllegalArgumentException("--per-class must be at least 1, got " + perClass);
        }
        int pool = data.trainPool();
        int[] counts = data.classCounts(0, pool);
        for (int y = 0; y < counts.length; y++) {
            if (counts[y] < perClass) {
                throw new IllegalArgumentException("--per-class " + perClass + " is more than the " + counts[y] + " images of class "
                    + y + " in " + data.name() + (pool < data.size() ? "'s training part" : "") + " (a split larger than the data)");
            }
        }
        int classes = data.classes();
        int[][] byClass = new int[classes][];
        int[] fill = new int[classes];
        for (int y = 0; y < classes; y++) {
            byClass[y] = new int[counts[y]];
        }
        for (int i = 0; i < pool; i++) {
            int y = data.labels()[i];
            byClass[y][fill[y]++] = i;
        }
        int size = Math.multiplyExact(classes, perClass);
        int[] train = new int[size];
        int t = 0;
        for (int y = 0; y < classes; y++) {
            for (int j : new PermutationSampler(rng, byClass[y].length, perClass).sample()) {
                train[t++] = byClass[y][j];
            }
        }
        PermutationSampler.shuffle(rng, train);
        int[] test;
        if (pool < data.size()) {
            test = new int[data.size() - pool];
            Arrays.setAll(test, i -> pool + i);
        } else {
            boolean[] used = new boolean[data.size()];
            for (int i : train) {
                used[i] = true;
            }
            test = new int[data.size() - size];
            int j = 0;
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    test[j++] = i;
                }
            }
        }
        if (test.length == 0) {
            throw new IllegalArgumentException("--per-class " + perClass + " uses every image of " + data.name()
                + ": no test images remain");
        }
        return new Split(data, train, test, perClass);
    }

    /** @return the training size, K·n */
    public int trainSize() {
        return train.length;
    }

    /** @return the test size */
    public int testSize() {
        return test.length;
    }

    /** @return the training inputs, flat row-major */
    public double[] trainInputs() {
        return data.rows(train);
    }

    /** @return the clean training labels */
    public int[] trainLabels() {
        return data.labels(train);
    }

    /** @return the test inputs, flat row-major */
    public double[] testInputs() {
        return data.rows(test);
    }

    /** @return the test labels */
    public int[] testLabels() {
        return data.labels(test);
    }
}
