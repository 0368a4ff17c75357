package org.dissect.descent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over independent rows on T threads: {@code [0, n)} is cut into T contiguous ranges, the caller takes
 * the first and T - 1 daemon workers the others. Each row's work must depend on that row alone (the results then do
 * not depend on T: the same bits on 1 or 16 threads). One thread runs the loop inline. {@link #close()} stops the
 * workers.
 */
public final class RowParallel implements AutoCloseable {
    /** A loop body over the rows {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        /**
         * @param from first row
         * @param to one past the last row
         */
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    /**
     * @param threads threads, at least 1
     */
    public RowParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger id = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "dissect-rows-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code body} over {@code [0, n)}; rows in ranges of at least {@code grain} (smaller loops run inline).
     *
     * @param n rows
     * @param grain fewest rows worth a thread
     * @param body the loop body
     */
    public void forRows(int n, int grain, Range body) {
        int parts = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        if (parts == 1) {
            body.run(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int t = 1; t < parts; t++) {
            int from = (int) ((long) n * t / parts);
            int to = (int) ((long) n * (t + 1) / parts);
            futures.add(pool.submit(() -> body.run(from, to)));
        }
        body.run(0, (int) ((long) n / parts));
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
