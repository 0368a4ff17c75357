package org.dissect.enumeration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java engine: the rank space is split into up to {@value Lanes#DEFAULT_LANES} contiguous lanes of at
 * least {@value Lanes#MIN_LANE} batches (far more lanes than threads, for load balance), each walked by a
 * {@link BatchLossKernel} on a fixed thread pool. Lane results are combined in lane order with compensated
 * sums, and the number of lanes depends on the problem only, so the result does not depend on the number of
 * threads or on scheduling: the same input gives the same bits on 1 or 16 threads.
 */
public final class JavaEnumeration implements Enumeration {
    /** Progress is reported (and interruption checked) every this many batches of a lane. */
    static final long STEP = 1 << 18;

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
        AtomicInteger id = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dissect-enumeration-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Engine engine() {
        return Engine.JAVA;
    }

    /** @return the number of worker threads */
    public int threads() {
        return threads;
    }

    @Override
    public EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request) {
        long started = System.nanoTime();
        ConfigurationIndex configurations = request.histogram()
            ? new ConfigurationIndex(problem.classes(), problem.batch()) : null;
        int lanes = Lanes.javaLanes(minLane, problem, request.gradient(),
            configurations == null ? 0 : configurations.size());
        long count = problem.batchCount();
        List<Future<BatchLossKernel>> futures = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            long from = Lanes.start(count, lanes, lane);
            long to = Lanes.start(count, lanes, lane + 1);
            futures.add(pool.submit(() -> {
                BatchLossKernel kernel = new BatchLossKernel(problem, request.gradient(), configurations);
                for (long lo = from; lo < to; lo += STEP) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("enumeration interrupted");
                    }
                    long hi = Math.min(to, lo + STEP);
                    kernel.walk(lo, hi);
                    request.progress().accept(hi - lo);
                }
                return kernel;
            }));
        }
        List<BatchLossKernel> kernels = new ArrayList<>(lanes);
        try {
            for (Future<BatchLossKernel> f : futures) {
                kernels.add(f.get());
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
        return combine(problem, request, configurations, kernels, Engine.JAVA,
            Math.min(threads, lanes) + (Math.min(threads, lanes) == 1 ? " Java thread" : " Java threads"),
            Math.min(threads, lanes), started);
    }

    /** Combines lane results in lane order. */
    static EnumerationResult combine(EnumerationProblem problem, EnumerationRequest request,
                                     ConfigurationIndex configurations, List<BatchLossKernel> kernels, Engine engine,
                                     String device, int threads, long started) {
        CompensatedSum total = new CompensatedSum();
        for (BatchLossKernel kernel : kernels) {
            double[] loss = kernel.loss();
            total.add(loss[0], loss[1]);
        }
        double[] gram = null;
        if (request.gradient()) {
            int nn = problem.size() * problem.size();
            gram = new double[nn];
            for (int e = 0; e < nn; e++) {
                CompensatedSum s = new CompensatedSum();
                for (BatchLossKernel kernel : kernels) {
                    s.add(kernel.gradientSum()[e], kernel.gradientCompensation()[e]);
                }
                gram[e] = s.value();
            }
        }
        LossHistogram histogram = null;
        if (configurations != null) {
            int c = configurations.size();
            long[] count = new long[c];
            double[] min = new double[c];
            double[] max = new double[c];
            CompensatedSum[] sums = new CompensatedSum[c];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int g = 0; g < c; g++) {
                sums[g] = new CompensatedSum();
            }
            for (BatchLossKernel kernel : kernels) {
                for (int g = 0; g < c; g++) {
                    count[g] += kernel.histogramCount()[g];
                    sums[g].add(kernel.histogramSum()[g], kernel.histogramCompensation()[g]);
                    min[g] = Math.min(min[g], kernel.histogramMin()[g]);
                    max[g] = Math.max(max[g], kernel.histogramMax()[g]);
                }
            }
            histogram = histogram(configurations, count, sums, min, max);
        }
        double seconds = (System.nanoTime() - started) * 1e-9;
        return new EnumerationResult(engine, device, threads, kernels.size(), problem.batchCount(), total.value(),
            seconds, gram, gram == null ? null : EnumerationResult.pointGradient(gram, problem.points()), histogram);
    }

    static LossHistogram histogram(ConfigurationIndex configurations, long[] count, CompensatedSum[] sums,
                                   double[] min, double[] max) {
        List<LossHistogram.Group> groups = new ArrayList<>();
        for (int g = 0; g < count.length; g++) {
            if (count[g] > 0) {
                groups.add(new LossHistogram.Group(configurations.counts(g), count[g], min[g],
                    sums[g].value() / count[g], max[g]));
            }
        }
        return new LossHistogram(groups);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
