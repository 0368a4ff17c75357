package org.dissect.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * Label corruption of a training split, as in the paper's experiments (Figs 2 and 8): a fraction p of the training
 * labels is replaced, the images stay.
 */
public enum LabelCorruption {
    /**
     * The authors' corruption (the default): exactly {@code ⌊pN⌋} indices, drawn without replacement, each moved to a
     * <em>different</em> class drawn uniformly from the other K - 1; so p = 1 leaves no label right.
     */
    FLIP,
    /**
     * Zhang et al. (2017), "Understanding deep learning requires rethinking generalization": exactly {@code ⌊pN⌋}
     * indices, drawn without replacement, each given a label drawn uniformly from all K classes (so about a K-th of them
     * keep their label).
     */
    UNIFORM;

    /**
     * The corrupted labels and which indices were drawn.
     *
     * @param labels the N labels after corruption
     * @param drawn the {@code ⌊pN⌋} indices drawn, in drawing order
     */
    public record Corrupted(int[] labels, int[] drawn) {
        /**
         * @param clean the labels before corruption (not modified)
         * @return how many labels differ from the clean ones
         */
        public int changed(int[] clean) {
            int c = 0;
            for (int i = 0; i < clean.length; i++) {
                c += clean[i] != labels[i] ? 1 : 0;
            }
            return c;
        }
    }

    /** @return the name the command line uses ({@code flip}, {@code uniform}) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code ⌊pN⌋}, computed exactly from p's shortest decimal form ({@link Double#toString}), so that p = 0.29 and
     * N = 100 give 29 (in doubles {@code 0.29·100 = 28.999999999999996}).
     *
     * @param fraction p in [0, 1]
     * @param size N, non-negative
     * @return {@code ⌊pN⌋}
     * @throws IllegalArgumentException if p is outside [0, 1] (or NaN) or N is negative
     */
    public static int count(double fraction, int size) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the corruption p must lie in [0, 1], got " + fraction);
        }
        if (size < 0) {
            throw new IllegalArgumentException("N must be non-negative, got " + size);
        }
        return new BigDecimal(Double.toString(fraction)).multiply(BigDecimal.valueOf(size)).setScale(0, RoundingMode.FLOOR)
            .intValueExact();
    }

    /**
     * Corrupts labels.
     *
     * @param labels N labels in {@code 0..K-1} (not modified)
     * @param classes K, at least 2
     * @param fraction p in [0, 1]
     * @param rng the seeded stream (advanced)
     * @return the corrupted labels and the indices drawn
     * @throws IllegalArgumentException if p is outside [0, 1] or K is below 2
     */
    public Corrupted apply(int[] labels, int classes, double fraction, UniformRandomProvider rng) {
        if (classes < 2) {
            throw new IllegalArgumentException("label corruption needs at least 2 classes, got " + classes);
        }
        int n = labels.length;
        int m = count(fraction, n);
        // m indices without replacement, uniformly (a partial Fisher-Yates shuffle)
        int[] drawn = m == 0 ? new int[0] : new PermutationSampler(rng, n, m).sample();
        int[] out = labels.clone();
        for (int i : drawn) {
            out[i] = this == FLIP ? (labels[i] + 1 + rng.nextInt(classes - 1)) % classes : rng.nextInt(classes);
        }
        return new Corrupted(out, drawn);
    }
}
