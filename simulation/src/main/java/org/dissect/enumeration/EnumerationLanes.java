package org.dissect.enumeration;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import org.dissect.engine.RanOn;

/**
 * One exact enumeration split into the Java engine's lanes, for whoever runs the lanes: {@link JavaEnumeration} on
 * its thread pool, or a task runner on Apache Spark executors ({@link TaskRunnerEnumeration}).
 *
 * <p>The rank space {@code [0, C(N+b-1, b))} is cut into {@link #lanes()} contiguous lanes ({@link Lanes#start}); the
 * number of lanes depends on the problem and the request only. Each lane is walked by one {@link BatchLossKernel} in
 * the same steps wherever it runs ({@link #walk}), and {@link #combine} adds the lanes' compensated sums in lane
 * order ({@link LaneReduction}). So the total loss, {@code ∂L/∂G} and the histogram are the same bits however many
 * threads or machines walked the lanes, and in whatever order they finished.
 *
 * <p>Serializable (the problem's precomputed tables travel with it, so that a remote lane works on exactly the
 * driver's {@code exp(G - s)}), immutable and thread-safe: lanes may be walked concurrently.
 *
 * <pre>{@code
 * EnumerationLanes plan = new EnumerationLanes(problem, EnumerationRequest.lossAndGradient());
 * List<LaneSums> sums = new ArrayList<>();
 * for (int lane = 0; lane < plan.lanes(); lane++) {
 *     sums.add(plan.walk(lane, n -> { }));          // anywhere, in any order, collected in lane order
 * }
 * EnumerationResult r = plan.combine(sums, RanOn.java(1), 1, started);
 * }</pre>
 */
public final class EnumerationLanes implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EnumerationProblem problem;
    private final boolean gradient;
    private final ConfigurationIndex configurations;
    private final int lanes;

    /**
     * The Java engine's lanes: one per {@value Lanes#MIN_LANE} batches, at most {@value Lanes#DEFAULT_LANES}, within
     * the accumulators' memory budget.
     *
     * @param problem the problem
     * @param request what to compute (its progress listener is not kept: {@link #walk} takes one)
     * @throws IllegalArgumentException if the histogram is unavailable for (K, b) or the enumeration cannot fit in
     *         the maximum heap
     */
    public EnumerationLanes(EnumerationProblem problem, EnumerationRequest request) {
        this(problem, request, Lanes.MIN_LANE);
    }

    /**
     * @param problem the problem
     * @param request what to compute
     * @param minLane the fewest batches per lane (tests use small lanes to exercise the splitting)
     */
    EnumerationLanes(EnumerationProblem problem, EnumerationRequest request, long minLane) {
        this.problem = problem;
        this.gradient = request.gradient();
        this.configurations = request.histogram() ? new ConfigurationIndex(problem.classes(), problem.batch()) : null;
        this.lanes = Lanes.javaLanes(minLane, problem, gradient, configurations == null ? 0 : configurations.size());
    }

    /** @return the problem */
    public EnumerationProblem problem() {
        return problem;
    }

    /** @return the number of lanes L, at least 1 */
    public int lanes() {
        return lanes;
    }

    /**
     * @param lane ℓ in {@code [0, L)}
     * @return the number of batches of lane ℓ: {@code ⌊|𝔅|/L⌋}, one more for the first {@code |𝔅| mod L} lanes
     */
    public long batches(int lane) {
        long count = problem.batchCount();
        return Lanes.start(count, lanes, lane + 1) - Lanes.start(count, lanes, lane);
    }

    /**
     * Walks every batch of one lane, reporting progress every {@code JavaEnumeration.progressStep(b)} batches.
     *
     * @param lane ℓ in {@code [0, L)}
     * @param progress told the batches done since its last call
     * @return the lane's compensated sums
     * @throws CancellationException if the thread is interrupted (checked between progress steps)
     */
    public LaneSums walk(int lane, LongConsumer progress) {
        if (lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException("lane " + lane + " outside [0, " + lanes + ")");
        }
        long count = problem.batchCount();
        long from = Lanes.start(count, lanes, lane);
        long to = Lanes.start(count, lanes, lane + 1);
        BatchLossKernel kernel = new BatchLossKernel(problem, gradient, configurations);
        long step = JavaEnumeration.progressStep(problem.batch());
        for (long lo = from; lo < to; lo += step) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("enumeration interrupted");
            }
            long hi = Math.min(to, lo + step);
            kernel.walk(lo, hi);
            progress.accept(hi - lo);
        }
        return LaneSums.of(kernel);
    }

    /**
     * Adds the lanes' sums in lane order.
     *
     * @param sums the result of {@link #walk} for every lane, in lane order
     * @param engine where the lanes ran
     * @param threads how many ran at once
     * @param started {@code System.nanoTime()} at the start, for the result's seconds
     * @return the enumeration's result: the same bits for every engine that walked these lanes
     */
    public EnumerationResult combine(List<LaneSums> sums, RanOn engine, int threads, long started) {
        if (sums.size() != lanes) {
            throw new IllegalArgumentException("need the sums of all " + lanes + " lanes, got " + sums.size());
        }
        LaneReduction.Parts parts = new LaneReduction.Parts() {
            @Override
            public double lossSum(int g) {
                return sums.get(g).lossSum();
            }

            @Override
            public double lossCompensation(int g) {
                return sums.get(g).lossCompensation();
            }

            @Override
            public double gradientSum(int g, int e) {
                return sums.get(g).gradientSum()[e];
            }

            @Override
            public double gradientCompensation(int g, int e) {
                return sums.get(g).gradientCompensation()[e];
            }

            @Override
            public long histogramCount(int g, int h) {
                return sums.get(g).histogramCount()[h];
            }

            @Override
            public double histogramSum(int g, int h) {
                return sums.get(g).histogramSum()[h];
            }

            @Override
            public double histogramCompensation(int g, int h) {
                return sums.get(g).histogramCompensation()[h];
            }

            @Override
            public double histogramMin(int g, int h) {
                return sums.get(g).histogramMin()[h];
            }

            @Override
            public double histogramMax(int g, int h) {
                return sums.get(g).histogramMax()[h];
            }
        };
        EnumerationRequest request = new EnumerationRequest(gradient, configurations != null, null);
        return LaneReduction.combine(problem, request, configurations, lanes, parts, engine, threads, started);
    }
}
