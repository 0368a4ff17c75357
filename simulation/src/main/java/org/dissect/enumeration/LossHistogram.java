package org.dissect.enumeration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The batch losses grouped by label configuration (the class counts of a batch up to a permutation of
 * the classes): per configuration the number of batches and the smallest, mean and largest batch loss.
 * At a regular simplex every batch of one configuration has the same loss (Theorem 2), so the groups are
 * the levels of the Fig. 6 (right) histogram.
 *
 * @param groups the configurations that occur, in lexicographically decreasing order of their counts
 */
public record LossHistogram(List<Group> groups) {
    /**
     * @param groups the configurations, any order (copied and sorted)
     */
    public LossHistogram {
        List<Group> sorted = new ArrayList<>(groups);
        sorted.sort((a, c) -> java.util.Arrays.compare(c.counts(), a.counts()));
        groups = Collections.unmodifiableList(sorted);
    }

    /**
     * Checks up front that the label configurations of (K, b) can be tabulated (at most 2^20 of them, with a
     * 64-bit code), so that a command can refuse before it starts an engine.
     *
     * @param classes K
     * @param batch b
     * @throws IllegalArgumentException if the histogram is unavailable for (K, b)
     */
    public static void requireSupported(int classes, int batch) {
        new ConfigurationIndex(classes, batch);
    }

    /** @return the total number of batches over all groups */
    public long batches() {
        long total = 0;
        for (Group g : groups) {
            total += g.batches();
        }
        return total;
    }

    /**
     * One label configuration.
     *
     * @param counts the K class counts, non-increasing, summing to b
     * @param batches the number of batches with this configuration
     * @param minLoss the smallest batch loss
     * @param meanLoss the mean batch loss (from a compensated sum)
     * @param maxLoss the largest batch loss
     */
    public record Group(int[] counts, long batches, double minLoss, double meanLoss, double maxLoss) {
        /** @param counts copied */
        public Group {
            counts = counts.clone();
        }

        /** @return the counts (a copy) */
        @Override
        public int[] counts() {
            return counts.clone();
        }

        /** @return the configuration as the paper writes it, e.g. {@code (7,2,0)} */
        public String label() {
            return org.dissect.theory.LabelConfiguration.label(counts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Group g && java.util.Arrays.equals(counts, g.counts) && batches == g.batches
                && Double.compare(minLoss, g.minLoss) == 0 && Double.compare(meanLoss, g.meanLoss) == 0
                && Double.compare(maxLoss, g.maxLoss) == 0;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(counts) * 31 + Long.hashCode(batches);
        }

        @Override
        public String toString() {
            return label() + " batches=" + batches + " min=" + minLoss + " mean=" + meanLoss + " max=" + maxLoss;
        }
    }
}
