package org.dissect.train;

import java.util.List;
import java.util.OptionalInt;
import org.dissect.engine.RanOn;

/**
 * A trained encoder and everything measured on it.
 *
 * @param settings how it was trained
 * @param encoder the architecture (input width first)
 * @param parameters the final blocks {@code W_1, b_1, …, W_L, b_L} of {@link Mlp}
 * @param head K×h classifier weights: CE the trained head, CE-fix the fixed simplex, SC null
 * @param probe K×h weights of the linear probe retrained on the final training features
 * @param classes K
 * @param trainFeatures N×h final features of the training split as the loss sees them (SC: on the ρ-sphere)
 * @param trainLabels the N labels trained on (corrupted where p &gt; 0)
 * @param testFeatures the test split's features, likewise
 * @param testLabels the test labels (never corrupted)
 * @param trace one row per evaluation
 * @param timeToFit the steps at the first evaluation with zero training error under the fit criterion (head for CE and
 *        CE-fix, probe for SC), or empty when the budget ran out first
 * @param iterationsRun the steps done (T, or the time to fit when stopping at the fit)
 * @param trainAccuracy the final training accuracy on the labels trained on
 * @param testAccuracy the final test accuracy
 * @param finalLoss the final loss and its bound
 * @param engine where the encoder's products ran
 * @param seconds the wall-clock time of the run
 */
public record TrainResult(TrainSettings settings, Mlp encoder, double[][] parameters, double[] head, double[] probe, int classes,
                          double[] trainFeatures, int[] trainLabels, double[] testFeatures, int[] testLabels,
                          List<Evaluation> trace, OptionalInt timeToFit, int iterationsRun, Accuracy trainAccuracy,
                          Accuracy testAccuracy, FinalLoss finalLoss, RanOn engine, double seconds) {
    /** @return h */
    public int featureDim() {
        return encoder.featureDim();
    }

    /**
     * A dead encoder: an MLP without batch normalisation can switch off (nearly) every ReLU after a too large early step
     * (seen with SC at lr 0.1: the batch loss stuck at log(b-1)), and then maps every image to about the same feature.
     * Threshold: every training feature within 5 % of the largest feature norm from their mean (the dead SC encoder seen:
     * 2 %; a trained one: 70 %).
     *
     * @return whether the training features are that close to one point
     */
    public boolean constantFeatures() {
        int h = featureDim();
        int n = trainFeatures.length / h;
        double[] mean = new double[h];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < h; k++) {
                mean[k] += trainFeatures[i * h + k] / n;
                s += trainFeatures[i * h + k] * trainFeatures[i * h + k];
            }
            largest = Math.max(largest, Math.sqrt(s));
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < h; k++) {
                double d = trainFeatures[i * h + k] - mean[k];
                s += d * d;
            }
            if (Math.sqrt(s) > 0.05 * largest) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the training error reached zero within the budget */
    public boolean fitted() {
        return timeToFit.isPresent();
    }
}
