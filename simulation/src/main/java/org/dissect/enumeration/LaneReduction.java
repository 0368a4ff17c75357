package org.dissect.enumeration;

import org.dissect.engine.RanOn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Combines the partial results of the lanes (independent rank ranges) of one enumeration, in lane order,
 * with compensated sums: the total loss, {@code ∂L/∂G}, and the histogram by label configuration. Both
 * engines use it; they differ only in where a lane's parts live ({@link Parts}).
 */
final class LaneReduction {
    private LaneReduction() {
    }

    /** Where the partial results of lane {@code g} are: each sum comes with its Neumaier compensation. */
    interface Parts {
        double lossSum(int g);

        double lossCompensation(int g);

        double gradientSum(int g, int e);

        double gradientCompensation(int g, int e);

        long histogramCount(int g, int h);

        double histogramSum(int g, int h);

        double histogramCompensation(int g, int h);

        double histogramMin(int g, int h);

        double histogramMax(int g, int h);
    }

    /**
     * @param problem the problem
     * @param request what was computed
     * @param configurations the label configurations, or null without a histogram
     * @param lanes the number of lanes
     * @param parts the lanes' partial results
     * @param engine where it ran
     * @param threads its parallel workers
     * @param started {@code System.nanoTime()} at the start
     * @return the result
     */
    static EnumerationResult combine(EnumerationProblem problem, EnumerationRequest request, ConfigurationIndex configurations,
                                     int lanes, Parts parts, RanOn engine, int threads, long started) {
        CompensatedSum total = new CompensatedSum();
        for (int g = 0; g < lanes; g++) {
            total.add(parts.lossSum(g), parts.lossCompensation(g));
        }
        double[] gram = null;
        if (request.gradient()) {
            int nn = problem.size() * problem.size();
            gram = new double[nn];
            for (int e = 0; e < nn; e++) {
                CompensatedSum s = new CompensatedSum();
                for (int g = 0; g < lanes; g++) {
                    s.add(parts.gradientSum(g, e), parts.gradientCompensation(g, e));
                }
                gram[e] = s.value();
            }
        }
        LossHistogram histogram = configurations == null ? null : histogram(configurations, lanes, parts);
        double seconds = (System.nanoTime() - started) * 1e-9;
        return new EnumerationResult(engine, threads, lanes, problem.batchCount(), total.value(), seconds, gram,
            gram == null ? null : EnumerationResult.pointGradient(gram, problem.points()), histogram);
    }

    private static LossHistogram histogram(ConfigurationIndex configurations, int lanes, Parts parts) {
        int c = configurations.size();
        long[] count = new long[c];
        double[] min = new double[c];
        double[] max = new double[c];
        CompensatedSum[] sums = new CompensatedSum[c];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int h = 0; h < c; h++) {
            sums[h] = new CompensatedSum();
        }
        for (int g = 0; g < lanes; g++) {
            for (int h = 0; h < c; h++) {
                count[h] += parts.histogramCount(g, h);
                sums[h].add(parts.histogramSum(g, h), parts.histogramCompensation(g, h));
                min[h] = Math.min(min[h], parts.histogramMin(g, h));
                max[h] = Math.max(max[h], parts.histogramMax(g, h));
            }
        }
        List<LossHistogram.Group> groups = new ArrayList<>();
        for (int h = 0; h < c; h++) {
            if (count[h] > 0) {
                groups.add(new LossHistogram.Group(configurations.counts(h), count[h], min[h], sums[h].value() / count[h], max[h]));
            }
        }
        return new LossHistogram(groups);
    }
}
