package org.dissect.enumeration;

import org.dissect.engine.RanOn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dissect.parallel.WorkerThreads;
import java.util.concurrent.Future;
import org.dissect.parallel.WorkerThreads;

/**
 * The Java engine: the rank space is split into up to {@value Lanes#DEFAULT_LANES} contiguous lanes of at
 * least {@value Lanes#MIN_LANE} batches (far more lanes than threads, for load balance), each walked by a
 * {@link BatchLossKernel} on a fixed thread pool. Lane results are combined in lane order with compensated
 * sums, and the number of lanes depends on the problem only, so the result does not depend on the number of
 * threads or on scheduling: the same input gives the same bits on 1 or 16 threads ({@link EnumerationLanes}, which
 * other runners of the same lanes share). The pool's daemon threads
 * belong to a group of their own ({@link WorkerThreads}), never to the group of the thread that starts them.
 */
public final class JavaEnumeration implements Enumeration {
    /**
     * Progress is reported (and interruption checked) every this many batches of a lane, for batches of up to 32
     * ({@link EnumerationLanes#walk}).
     */
    static final long STEP = 1 << 18;

    /**
     * The progress step for a batch size: {@link #STEP} up to b = 32, then proportionally fewer batches (one batch
     * costs up to O(b) when consecutive batches share short prefixes), so that progress, the ETA and interruption
     * still come every few million operations: with N = 2 and b = 10^6 a step of 2^18 batches took minutes.
     *
     * @param batch b
     * @return batches between two progress reports, at least 1
     */
    static long progressStep(int batch) {
        return Math.max(1, STEP * 32 / Math.max(32, batch));
    }

    private final int threads;
    private final long minLane;
    private final ExecutorService pool;

    /**
     * @param threads worker threads, at least 1
     */
    public JavaEnumeration(int threads) {
        this(threads, Lanes.MIN_LANE);
    }

    /**
     * @param threads worker threads, at least 1
     * @param minLane the fewest batches per lane (tests use small lanes to exercise the splitting)
     */
    JavaEnumeration(int threads, long minLane) {
        this.minLane = minLane;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, WorkerThreads.factory("dissect-enumeration"));
    }

    @Override
    public RanOn engine() {
        return RanOn.java(threads);
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    @Override
    public EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request) {
        long started = System.nanoTime();
        EnumerationLanes plan = new EnumerationLanes(problem, request, minLane);
        int lanes = plan.lanes();
        List<Future<LaneSums>> futures = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            futures.add(pool.submit(() -> plan.walk(l, request.progress())));
        }
        List<LaneSums> sums = new ArrayList<>(lanes);
        try {
            for (Future<LaneSums> f : futures) {
                sums.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("enumeration interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
        int workers = Math.min(threads, lanes);
        return plan.combine(sums, RanOn.java(workers), workers, started);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
