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
     * @throws IllegalArgumentException if the enumeration cannot fit in the maximum heap
     *         ({@link EnumerationProblem#bytesNeeded})
     */
    static int count(int wanted, EnumerationProblem problem, boolean gradient, int configurations) {
        int n = problem.size();
        int b = problem.batch();
        Allocation.requireHeap("an enumeration of N=" + n + ", h=" + problem.dimension() + ", b=" + b
            + (gradient ? " with its gradient" : ""), EnumerationProblem.bytesNeeded(n, problem.dimension(),
            problem.classes(), b, gradient, configurations > 0, wanted));
        return lanes(wanted, laneBytes(n, b, problem.classes(), gradient, configurations), problem.batchCount());
    }

    /**
     * @param wanted the lanes wanted
     * @param laneBytes the memory of one lane
     * @param batches the number of batches
     * @return at most {@code wanted} and {@code batches}, at least 1, and at most as many as fit
     *         {@link #ACCUMULATOR_BUDGET} (1 if a single lane exceeds it)
     */
    static int lanes(int wanted, long laneBytes, long batches) {
        long affordable = Math.max(1, ACCUMULATOR_BUDGET / laneBytes);
        return (int) Math.max(1, Math.min(Math.min(wanted, affordable), batches));
    }

    /**
     * The memory of one lane ({@link BatchLossKernel}): the walk's levels ({@code 2bN} doubles, {@code 3bK}
     * numbers and the anchor lists), a dozen arrays of b (about 72 bytes per batch position), and the accumulators.
     *
     * @param n N
     * @param b b, with bN, bK and N² within the array limit (so that no product overflows)
     * @param k K
     * @param gradient whether the lane carries gradient accumulators (4 N² doubles)
     * @param configurations the histogram's configurations, 0 for none (5 numbers each)
     * @return bytes
     */
    static long laneBytes(long n, long b, long k, boolean gradient, long configurations) {
        return 1024 + 72 * b + 16 * b * n + 32 * b * k + (gradient ? 32 * n * n : 0) + 40 * configurations;
    }
}
