package org.dissect.enumeration;

/** Splitting the rank space into contiguous lanes, and how many lanes a request affords. */
final class Lanes {
    /** The most lanes of the Java engine: many more than threads, for load balance. */
    static final int DEFAULT_LANES = 256;
    /** The fewest batches per lane of the Java engine, so that setting a lane up stays negligible. */
    static final long MIN_LANE = 4096;
    /** Memory the per-lane accumulators (gradient, histogram) may take in all. */
    static final long ACCUMULATOR_BUDGET = 256L << 20;

    private Lanes() {
    }

    /**
     * The first rank of a lane: lane ℓ of L covers {@code [start(ℓ), start(ℓ+1))}, the first
     * {@code count mod L} lanes one rank longer than the others.
     *
     * @param count the number of ranks
     * @param lanes L
     * @param lane ℓ in {@code [0, L]}
     * @return the first rank of lane ℓ ({@code count} for ℓ = L)
     */
    static long start(long count, int lanes, int lane) {
        long base = count / lanes;
        long extra = count % lanes;
        return lane * base + Math.min(lane, extra);
    }

    /**
     * The Java engine's lanes: one per {@code minLane} batches, at most {@value #DEFAULT_LANES}, within
     * the memory budget. A function of the problem and request only, never of the thread count, so that
     * results do not depend on the threads.
     *
     * @param minLane the fewest batches per lane ({@value #MIN_LANE}; tests use fewer to exercise many lanes)
     * @param problem the problem
     * @param gradient whether lanes carry gradient accumulators
     * @param configurations the histogram's configurations, 0 for none
     * @return the number of lanes
     */
    static int javaLanes(long minLane, EnumerationProblem problem, boolean gradient, int configurations) {
        long bySize = (problem.batchCount() + minLane - 1) / minLane;
        return count((int) Math.min(DEFAULT_LANES, bySize), problem, gradient, configurations);
    }

    /**
     * How many lanes a request gets: at most {@code wanted} and the number of batches, at least 1, and
     * few enough that the per-lane state and accumulators fit {@link #ACCUMULATOR_BUDGET}.
     *
     * @param wanted the lanes wanted
     * @param problem the problem
     * @param gradient whether lanes carry gradient accumulators (4 N² doubles)
     * @param configurations the histogram's configurations, 0 for none (5 numbers each)
     * @return the number of lanes
     */
    static int count(int wanted, EnumerationProblem problem, boolean gradient, int configurations) {
        long n = problem.size();
        long b = problem.batch();
        long bytes = 1024 + 16 * b * n + 24 * b * problem.classes() + (gradient ? 32 * n * n : 0) + 40L * configurations;
        long affordable = Math.max(1, ACCUMULATOR_BUDGET / bytes);
        return (int) Math.max(1, Math.min(Math.min(wanted, affordable), problem.batchCount()));
    }
}
