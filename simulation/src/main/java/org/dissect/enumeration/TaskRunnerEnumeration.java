package org.dissect.enumeration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.parallel.TaskRunner;

/**
 * The exact enumeration with the Java engine's lanes ({@link EnumerationLanes}) run as the tasks of a
 * {@link TaskRunner}, one task per lane, on local threads or on Apache Spark (which groups tasks into partitions).
 * The runner returns the lanes' sums in lane order and they are added up exactly as {@link JavaEnumeration} adds
 * them, so the total loss, the gradient and the histogram equal the Java engine's bit for bit.
 *
 * <p>Progress: a lane's batches are counted when its task has finished (lanes differ by at most one batch, so
 * {@code finished × |𝔅|/L} is exact to within L batches, and the last report completes the count exactly).
 */
public final class TaskRunnerEnumeration implements Enumeration {
    private final TaskRunner runner;

    /** @param runner the runner of the lanes (not closed by this engine) */
    public TaskRunnerEnumeration(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request) {
        long started = System.nanoTime();
        EnumerationLanes plan = new EnumerationLanes(problem, request);
        List<Integer> lanes = new ArrayList<>(plan.lanes());
        for (int lane = 0; lane < plan.lanes(); lane++) {
            lanes.add(lane);
        }
        List<LaneSums> sums = runner.map(lanes, lane -> plan.walk(lane, n -> { }),
            new LaneProgress(problem.batchCount(), plan.lanes(), request.progress()));
        int workers = Math.min(runner.parallelism(), plan.lanes());
        return plan.combine(sums, engine(), workers, started);
    }

    @Override
    public RanOn engine() {
        return new RanOn(Engine.JAVA, runner.describe(), null);
    }

    /** Turns finished lanes into batches for a batch-counting progress listener. */
    private static final class LaneProgress implements LongConsumer {
        private final long batches;
        private final int lanes;
        private final LongConsumer listener;
        private int finished;
        private long reported;

        LaneProgress(long batches, int lanes, LongConsumer listener) {
            this.batches = batches;
            this.lanes = lanes;
            this.listener = listener;
        }

        @Override
        public synchronized void accept(long tasks) {
            finished = (int) Math.min(lanes, finished + tasks);
            // lanes hold |B|/L batches each, up to rounding; the last lane's report makes the count exact
            long done = finished == lanes ? batches : (long) (batches * ((double) finished / lanes));
            if (done > reported) {
                listener.accept(done - reported);
                reported = done;
            }
        }
    }
}
