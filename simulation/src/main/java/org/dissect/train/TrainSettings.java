package org.dissect.train;

import java.util.Arrays;

/**
 * How an encoder is trained: the paper's recipe (Sec. 5, the authors' code) at a size a CPU trains in minutes.
 *
 * @param widths the encoder's widths after the input, {@code w_1, …, w_L = h} (the input width d comes from the data)
 * @param loss CE, CE-fix or SC
 * @param iterations T, the budget of SGD steps (the schedule decays to 0 at T)
 * @param evalEvery E: the training accuracy is evaluated after every E steps (and after the last)
 * @param batch b, the batch size (batches drawn i.i.d. with replacement from the training split)
 * @param rho2 ρ² = 1/τ of SC's sphere (10 in the paper); unused by CE and CE-fix
 * @param sgd the optimiser (the paper: lr 0.1, momentum 0.9, weight decay 1e-4)
 * @param seed the seed of the initialisation, the batches and the probes
 * @param stopAtFit whether to stop at the first evaluation with zero training error (time to fit only)
 * @param finalBatches the sampled batches of SC's final mean batch loss (when |𝔅| is too large to enumerate)
 */
public record TrainSettings(int[] widths, TrainingLoss loss, int iterations, int evalEvery, int batch, double rho2, Sgd sgd,
                            long seed, boolean stopAtFit, int finalBatches) {
    /** The paper's optimiser for the encoders: SGD, lr 0.1, momentum 0.9, weight decay 1e-4. */
    public static final Sgd PAPER_SGD = new Sgd(0.1, 0.9, 1e-4);
    /** The paper's ρ² = 1/τ with τ = 0.1. */
    public static final double PAPER_RHO2 = 10;
    /** The paper's batch size. */
    public static final int PAPER_BATCH = 256;

    /** @throws IllegalArgumentException naming the option for a value out of range */
    public TrainSettings {
        widths = widths.clone();
        if (widths.length < 1) {
            throw new IllegalArgumentException("--widths needs at least the feature width h");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("--widths must be positive, got " + Arrays.toString(widths));
            }
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("--eval-every must be at least 1, got " + evalEvery);
        }
        if (batch < 2) {
            throw new IllegalArgumentException("--batch must be at least 2, got " + batch);
        }
        if (!(rho2 > 0) || !Double.isFinite(rho2)) {
            throw new IllegalArgumentException("rho^2 must be finite and positive, got " + rho2);
        }
        if (finalBatches < 2) {
            throw new IllegalArgumentException("the final loss needs at least 2 sampled batches, got " + finalBatches);
        }
    }

    /**
     * The paper's recipe with the given sizes.
     *
     * @param widths {@code w_1, …, h}
     * @param loss the loss
     * @param iterations T
     * @param evalEvery E
     * @param seed the seed
     * @return batch 256, ρ² = 10, {@link #PAPER_SGD}, run to T, 500 batches for SC's final loss
     */
    public static TrainSettings paper(int[] widths, TrainingLoss loss, int iterations, int evalEvery, long seed) {
        return new TrainSettings(widths, loss, iterations, evalEvery, PAPER_BATCH, PAPER_RHO2, PAPER_SGD, seed, false, 500);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** @return h, the feature width */
    public int featureDim() {
        return widths[widths.length - 1];
    }

    /**
     * @param batchSize b
     * @return these settings with another batch size
     */
    public TrainSettings withBatch(int batchSize) {
        return new TrainSettings(widths, loss, iterations, evalEvery, batchSize, rho2, sgd, seed, stopAtFit, finalBatches);
    }

    /**
     * @param stop whether to stop at the first fit
     * @return these settings with that choice
     */
    public TrainSettings withStopAtFit(boolean stop) {
        return new TrainSettings(widths, loss, iterations, evalEvery, batch, rho2, sgd, seed, stop, finalBatches);
    }

    /**
     * @param rhoSquared ρ²
     * @return these settings with another SC radius
     */
    public TrainSettings withRho2(double rhoSquared) {
        return new TrainSettings(widths, loss, iterations, evalEvery, batch, rhoSquared, sgd, seed, stopAtFit, finalBatches);
    }

    /** @return ρ */
    public double rho() {
        return Math.sqrt(rho2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainSettings s && Arrays.equals(widths, s.widths) && loss == s.loss && iterations == s.iterations
            && evalEvery == s.evalEvery && batch == s.batch && Double.compare(rho2, s.rho2) == 0 && sgd.equals(s.sgd)
            && seed == s.seed && stopAtFit == s.stopAtFit && finalBatches == s.finalBatches;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(widths) + java.util.Objects.hash(loss, iterations, evalEvery, batch, rho2, sgd, seed,
            stopAtFit, finalBatches);
    }

    @Override
    public String toString() {
        return "TrainSettings[widths=" + Arrays.toString(widths) + ", loss=" + loss.label() + ", iterations=" + iterations
            + ", evalEvery=" + evalEvery + ", batch=" + batch + ", rho2=" + rho2 + ", sgd=" + sgd + ", seed=" + seed
            + ", stopAtFit=" + stopAtFit + ", finalBatches=" + finalBatches + "]";
    }
}
