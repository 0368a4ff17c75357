package org.dissect.enumeration;

import java.util.function.LongConsumer;

/**
 * What an enumeration computes besides the total loss.
 *
 * @param gradient whether to compute {@code ∂L/∂G} and {@code ∂L/∂Z}
 * @param histogram whether to group the batch losses by label configuration
 * @param progress receives the number of batches done since its previous call, from any thread, every
 *        few hundred thousand batches (never null; {@code n -> {}} for none)
 */
public record EnumerationRequest(boolean gradient, boolean histogram, LongConsumer progress) {
    /** No progress reports. */
    private static final LongConsumer SILENT = n -> { };

    /** @param progress null means none */
    public EnumerationRequest {
        progress = progress == null ? SILENT : progress;
    }

    /** @return the total loss only */
    public static EnumerationRequest loss() {
        return new EnumerationRequest(false, false, null);
    }

    /** @return the total loss and its gradient */
    public static EnumerationRequest lossAndGradient() {
        return new EnumerationRequest(true, false, null);
    }

    /**
     * @param listener the progress listener
     * @return this request reporting progress to the listener
     */
    public EnumerationRequest withProgress(LongConsumer listener) {
        return new EnumerationRequest(gradient, histogram, listener);
    }
}
