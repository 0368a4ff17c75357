package org.dissect.train;

import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.data.Dataset;
import org.dissect.data.LabelCorruption;
import org.dissect.data.Split;

/**
 * One training task before the training: a balanced split of a data set and its training labels corrupted as asked,
 * both drawn from the run's seed (streams {@code (seed, 10)} for the split, {@code (seed, 11)} for the corruption, apart
 * from the streams of {@link Trainer}).
 *
 * @param split the balanced split (n per class)
 * @param corruption how the labels were corrupted
 * @param fraction p
 * @param corrupted the corrupted training labels and the indices drawn
 * @param set what {@link Trainer#train} takes
 */
public record Experiment(Split split, LabelCorruption corruption, double fraction, LabelCorruption.Corrupted corrupted,
                         TrainingSet set) {
    private static final int STREAM_SPLIT = 10;
    private static final int STREAM_CORRUPTION = 11;

    /**
     * @param data the data set
     * @param perClass n, training images per class
     * @param corruption flip or uniform
     * @param fraction p in [0, 1]
     * @param seed the seed
     * @return the prepared task
     * @throws IllegalArgumentException if n exceeds a class or p is outside [0, 1]
     */
    public static Experiment prepare(Dataset data, int perClass, LabelCorruption corruption, double fraction, long seed) {
        LabelCorruption.count(fraction, 0); // refuses p outside [0, 1] before anything is drawn
        Split split = Split.draw(data, perClass, Trainer.stream(seed, STREAM_SPLIT));
        UniformRandomProvider rng = Trainer.stream(seed, STREAM_CORRUPTION);
        LabelCorruption.Corrupted c = corruption.apply(split.trainLabels(), data.classes(), fraction, rng);
        return new Experiment(split, corruption, fraction, c, TrainingSet.of(split, c.labels()));
    }
}
