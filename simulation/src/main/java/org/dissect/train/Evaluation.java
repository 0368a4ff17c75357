package org.dissect.train;

/**
 * One row of a training trace, logged every E steps as the authors log theirs: the training accuracy on the (possibly
 * corrupted) training labels under the read-outs of {@link Classifiers}.
 *
 * @param iteration the SGD steps done
 * @param learningRate the rate of the last step
 * @param meanBatchLoss the mean training batch loss over the steps since the previous row
 * @param headAccuracy the head's training accuracy (CE, CE-fix); null for SC, which has no head
 * @param probeAccuracy the retrained probe's training accuracy; null where the probe is not the fit criterion (CE,
 *        CE-fix: the probe is trained at the end only)
 * @param classMeanAccuracy the class-mean classifier's training accuracy
 * @param fitted whether the fit criterion's training error is zero (head for CE and CE-fix, probe for SC)
 * @param seconds the wall-clock time since the run began
 */
public record Evaluation(int iteration, double learningRate, double meanBatchLoss, Double headAccuracy, Double probeAccuracy,
                         double classMeanAccuracy, boolean fitted, double seconds) {
}
