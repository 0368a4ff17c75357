package org.dissect.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar with an ETA on stderr (the progressbar library) that appears only once a run has
 * lasted about a second, so quick commands print nothing and stdout always stays clean for {@code --json}.
 */
public final class Progress implements LongConsumer, AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;

    private final String task;
    private final long total;
    private final String unit;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    /**
     * @param task what runs (shown left of the bar)
     * @param total the number of units of work
     * @param unit the unit's name (steps, batches)
     */
    public Progress(String task, long total, String unit) {
        this.task = task;
        this.total = total;
        this.unit = unit;
    }

    /** @param done units done so far */
    @Override
    public void accept(long done) {
        if (bar == null) {
            if (System.nanoTime() - start < DELAY_NANOS) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
