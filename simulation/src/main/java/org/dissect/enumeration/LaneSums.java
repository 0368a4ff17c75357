package org.dissect.enumeration;

import java.io.Serializable;

/**
 * The partial sums of one lane (a contiguous rank range) of an exact enumeration, as {@link EnumerationLanes#walk}
 * returns them and {@link EnumerationLanes#combine} adds them up in lane order. Every sum comes with its Neumaier
 * compensation ({@code CompensatedSum}). Serializable, so that a lane may be walked in another JVM (an Apache Spark
 * executor); the arrays are the lane's own (not copied), and no one modifies them after the walk.
 *
 * @param lossSum the lane's sum of batch losses
 * @param lossCompensation its compensation
 * @param gradientSum {@code ∂L/∂G} of the lane's batches, N×N row-major, or null without a gradient
 * @param gradientCompensation its compensations, or null
 * @param histogramCount batches per label configuration, or null without a histogram
 * @param histogramSum their summed losses, or null
 * @param histogramCompensation the compensations of {@code histogramSum}, or null
 * @param histogramMin the least batch loss per configuration ({@code +∞} where none), or null
 * @param histogramMax the largest batch loss per configuration ({@code -∞} where none), or null
 */
public record LaneSums(double lossSum, double lossCompensation, double[] gradientSum, double[] gradientCompensation,
                       long[] histogramCount, double[] histogramSum, double[] histogramCompensation, double[] histogramMin,
                       double[] histogramMax) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @param kernel a kernel that has walked one whole lane
     * @return its sums (the kernel's arrays, not copied)
     */
    static LaneSums of(BatchLossKernel kernel) {
        double[] loss = kernel.loss();
        return new LaneSums(loss[0], loss[1], kernel.gradientSum(), kernel.gradientCompensation(),
            kernel.histogramCount(), kernel.histogramSum(), kernel.histogramCompensation(), kernel.histogramMin(),
            kernel.histogramMax());
    }
}
