package org.dissect.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * A {@link TaskRunner} on local threads: a fixed pool of daemon {@link WorkerThreads}, one task per submission, the
 * results collected in task order (whatever order the tasks finish in). A task that throws fails the whole
 * {@link #map}: the tasks not yet started are cancelled and the first failure in task order is rethrown with its
 * cause (an unchecked exception or error as itself), so a failing task never leaves the caller waiting.
 */
public final class LocalTaskRunner implements TaskRunner {
    private final int threads;
    private final ExecutorService pool;

    /**
     * @param threads the number of tasks that run at once, at least 1
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public LocalTaskRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, WorkerThreads.factory("dissect-task"));
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, TaskFunction<T, R> task,
                                                                       LongConsumer progress) {
        List<Future<R>> futures = new ArrayList<>(tasks.size());
        for (T t : tasks) {
            futures.add(pool.submit(() -> {
                R r = task.apply(t);
                progress.accept(1);
                return r;
            }));
        }
        List<R> results = new ArrayList<>(tasks.size());
        try {
            for (Future<R> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the tasks", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return results;
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("a task failed: " + cause, cause);
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public String describe() {
        return threads + (threads == 1 ? " local thread" : " local threads");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
