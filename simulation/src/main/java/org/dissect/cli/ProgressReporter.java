package org.dissect.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with an ETA on stderr for long runs only: nothing is drawn until the work has taken
 * {@value #DELAY_MILLIS} ms, so quick runs (and the tests) print nothing. Never touches stdout. Plain ASCII
 * when stderr is not a console (a log file), Unicode blocks and colour when it is.
 */
final class ProgressReporter implements AutoCloseable {
    /** Runs shorter than this show no progress. */
    static final long DELAY_MILLIS = 1000;

    private final AtomicLong done = new AtomicLong();
    private final long total;
    private final String task;
    private final PrintWriter err;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer;
    private ProgressBar bar;

    /**
     * @param task the name shown before the bar
     * @param total the units of work (shown in millions)
     * @param err where to draw
     * @param enabled false for no progress at all
     */
    ProgressReporter(String task, long total, PrintWriter err, boolean enabled) {
        this.task = task;
        this.total = total;
        this.err = err;
        if (enabled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dissect-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::update, DELAY_MILLIS, 250, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** @return the listener the work reports finished units to (any thread) */
    LongConsumer listener() {
        return done::addAndGet;
    }

    private synchronized void update() {
        long now = done.get();
        if (bar == null) {
            if (now >= total) {
                return;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, 100))
                .setStyle(System.console() != null ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUnit(total >= 10_000_000 ? " M" : "", total >= 10_000_000 ? 1_000_000 : 1).showSpeed()
                .setUpdateIntervalMillis(250).startsFrom(0, elapsed).build();
        }
        bar.stepTo(Math.min(now, total));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (bar != null) {
            bar.stepTo(Math.min(done.get(), total));
            bar.close();
            err.println();
            err.flush();
        }
    }
}
