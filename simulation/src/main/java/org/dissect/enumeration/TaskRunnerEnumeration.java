package org.dissect.enumeration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.parallel.TaskRunner;

/**
 * The exact enumeration with the Java engine's lanes ({@link EnumerationLanes}) run as the tasks of a
 * {@link TaskRunner}, on local threads or on Apache Spark partitions. A task walks a contiguous block of lanes (up to
 * {@value #TASKS_PER_WORKER} tasks per worker of the runner, so that a slow task does not hold the others up and each
 * task's scheduling cost, a few milliseconds on Spark, stays small next to its work). The runner returns the blocks
 * in task order, and the lanes' sums are added up in lane order exactly as {@link JavaEnumeration} adds them: the
 * total loss, the gradient and the histogram equal the Java engine's bit for bit.
 *
 * <p>Progress: a block's batches are counted when its task has finished (blocks differ by at most one lane and lanes
 * by at most one batch, so {@code finished × |𝔅|/tasks} is exact to within a lane, and the last report completes
 * the count exactly).
 */
public final class TaskRunnerEnumeration implements Enumeration {
    /** Tasks per worker of the runner, at most one lane each. */
    static final int TASKS_PER_WORKER = 8;

    private final TaskRunner runner;

    /** @param runner the runner of the lanes (not closed by this engine) */
    public TaskRunnerEnumeration(TaskRunner runner) {
        this.runner = runner;
    }

    @Override
    public EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request) {
        long started = System.nanoTime();
        EnumerationLanes plan = new EnumerationLanes(problem, request);
        int lanes = plan.lanes();
        int tasks = (int) Math.min(lanes, (long) TASKS_PER_WORKER * Math.max(1, runner.parallelism()));
        List<int[]> blocks = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            blocks.add(new int[] {(int) Lanes.start(lanes, tasks, t), (int) Lanes.start(lanes, tasks, t + 1)});
        }
        List<ArrayList<LaneSums>> walked = runner.map(blocks, block -> {
            ArrayList<LaneSums> sums = new ArrayList<>(block[1] - block[0]);
            for (int lane = block[0]; lane < block[1]; lane++) {
                sums.add(plan.walk(lane, n -> { }));
            }
            return sums;
        }, new TaskProgress(problem.batchCount(), tasks, request.progress()));
        List<LaneSums> sums = new ArrayList<>(lanes);
        walked.forEach(sums::addAll);
        int workers = Math.min(runner.parallelism(), tasks);
        return plan.combine(sums, engine(), workers, started);
    }

    @Override
    public RanOn engine() {
        return new RanOn(Engine.JAVA, runner.describe(), null);
    }

    /** Turns finished tasks into batches for a batch-counting progress listener. */
    private static final class TaskProgress implements LongConsumer {
        private final long batches;
        private final int tasks;
        private final LongConsumer listener;
        private int finished;
        private long reported;

        TaskProgress(long batches, int tasks, LongConsumer listener) {
            this.batches = batches;
            this.tasks = tasks;
            this.listener = listener;
        }

        @Override
        public synchronized void accept(long done) {
            finished = (int) Math.min(tasks, finished + done);
            // tasks hold |B|/tasks batches each, up to a lane; the last task's report makes the count exact
            long total = finished == tasks ? batches : (long) (batches * ((double) finished / tasks));
            if (total > reported) {
                listener.accept(total - reported);
                reported = total;
            }
        }
    }
}
