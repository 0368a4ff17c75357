package org.dissect.train;

/**
 * The accuracy of a trained encoder on one split under the read-outs of {@link Classifiers}.
 *
 * @param head the head's (CE: trained, CE-fix: the fixed simplex); null for SC
 * @param probe the linear probe's, retrained on the frozen training features
 * @param classMean the class-mean classifier's, with the class means of the training features
 */
public record Accuracy(Double head, double probe, double classMean) {
}
