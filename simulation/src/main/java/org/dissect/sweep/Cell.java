package org.dissect.sweep;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.descent.ScMode;
import org.dissect.descent.ScSimulation;

/**
 * One point of a sweep's grid: everything that defines its R seeded descents. A cell is a value (a record of
 * primitives, an array, enums) and {@link Serializable}, so that it can travel to a Spark executor.
 *
 * <p><b>Seeds.</b> Restart r starts from the seed {@link #restartSeed(int) restartSeed(r)}: the r-th output of a
 * XoRoShiRo128++ stream (Commons RNG) seeded with the pair ({@code --seed}, the first 8 bytes of the SHA-256 of
 * {@link #canonical()}). A cell's descents therefore depend on its own parameters and the sweep's seed alone, never
 * on the order in which cells are scheduled, on the number of threads or on the machine; and raising R keeps the
 * first restarts (R is not part of the canonical text).
 *
 * @param loss SC or CE
 * @param classSizes {@code n_0, …, n_{K-1}} (not copied: treat as read-only)
 * @param dim h
 * @param batch b (SC exact and sampled; N for SC full; 0 for CE)
 * @param rho2 ρ² (SC: the sphere's squared radius, {@code 1/τ}; CE: the squared bound on the feature norms)
 * @param lambda λ of the CE penalty (0 for SC)
 * @param mode SC's mode, null for CE
 * @param restarts R, at least 1
 * @param steps the step limit of each descent
 * @param learningRate the first trial step (SGD step in sampled mode)
 * @param tolerance the stopping tolerance of the monotone descent (relative decrease over 20 steps)
 * @param seed the sweep's {@code --seed}
 */
public record Cell(Loss loss, int[] classSizes, int dim, int batch, double rho2, double lambda, ScMode mode, int restarts,
                   int steps, double learningRate, double tolerance, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return K */
    public int classes() {
        return classSizes.length;
    }

    /** @return N = Σ n_y */
    public int size() {
        return Arrays.stream(classSizes).sum();
    }

    /** @return whether every class has the same size (Theorems 1 and 2 assume it) */
    public boolean balanced() {
        return ScSimulation.balanced(classSizes);
    }

    /** @return the batch the loss is taken over: b, or N in SC's full mode (0 for CE, which has no batches) */
    public int effectiveBatch() {
        return mode == ScMode.FULL ? size() : batch;
    }

    /** @return {@code h ≥ K-1}: a regular simplex of K vertices exists in {@code R^h} (Remark 1) */
    public boolean simplexExists() {
        return dim >= classes() - 1;
    }

    /** @return {@code b ≥ 3} for SC (the paper's analysis assumes it); always true for CE */
    public boolean batchAtLeastThree() {
        return loss == Loss.CE || effectiveBatch() >= 3;
    }

    /** @return balanced, {@code h ≥ K-1} and {@code b ≥ 3}: the theorem's bound applies and is attained */
    public boolean hypothesesHold() {
        return balanced() && simplexExists() && batchAtLeastThree();
    }

    /** @return the class sizes as {@code 6;3;3} (no comma: it is one CSV cell) */
    public String sizesText() {
        return Arrays.stream(classSizes).mapToObj(Integer::toString).collect(Collectors.joining(";"));
    }

    /** @return the mode's name ({@code exact}, {@code sampled}, {@code full}), or empty for CE */
    public String modeText() {
        return mode == null ? "" : mode.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The text that identifies the cell's descents (everything but R): equal texts, equal descents.
     *
     * @return e.g. {@code sc sizes=3;3;3 h=2 b=4 rho2=1.0 lambda=0.0 mode=exact steps=2000 lr=0.1 tol=1.0E-13}
     */
    public String canonical() {
        return loss.label() + " sizes=" + sizesText() + " h=" + dim + " b=" + batch + " rho2=" + rho2 + " lambda=" + lambda
            + " mode=" + modeText() + " steps=" + steps + " lr=" + learningRate + " tol=" + tolerance;
    }

    /**
     * @param restart r, {@code 0 ≤ r}
     * @return the seed of restart r (see the class comment)
     */
    public long restartSeed(int restart) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, digest(canonical())});
        long s = rng.nextLong();
        for (int r = 0; r < restart; r++) {
            s = rng.nextLong();
        }
        return s;
    }

    private static long digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                h = h << 8 | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
