package org.dissect.spark;

import java.util.BitSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the finished tasks of {@link SparkTaskRunner}'s jobs from Spark's listener bus (on the driver): when a
 * partition's first successful attempt ends, its tasks count, once, so retried and speculative attempts never count
 * twice. The bus delivers events after the fact, so {@link Job#finish} reports whatever it has not delivered yet when
 * the job's results are in.
 */
final class TaskProgress extends SparkListener {
    /** Spark's local property that holds a job's group (SparkContext.SPARK_JOB_GROUP_ID). */
    private static final String JOB_GROUP = "spark.jobGroup.id";

    private final Map<String, Job> byGroup = new ConcurrentHashMap<>();
    private final Map<Integer, Job> byStage = new ConcurrentHashMap<>();

    /** The progress of one {@link SparkTaskRunner#map} call. */
    static final class Job {
        private final int[] sizes;
        private final LongConsumer listener;
        private final BitSet done;
        private boolean closed;

        /**
         * @param sizes the number of tasks in each partition
         * @param listener told the tasks finished since its last call
         */
        Job(int[] sizes, LongConsumer listener) {
            this.sizes = sizes.clone();
            this.listener = listener;
            this.done = new BitSet(sizes.length);
        }

        synchronized void partitionDone(int partition) {
            if (!closed && partition >= 0 && partition < sizes.length && !done.get(partition)) {
                done.set(partition);
                listener.accept(sizes[partition]);
            }
        }

        /** Reports the partitions whose end the bus has not delivered yet: all have finished. */
        synchronized void finish() {
            if (!closed) {
                long missing = 0;
                for (int p = done.nextClearBit(0); p < sizes.length; p = done.nextClearBit(p + 1)) {
                    missing += sizes[p];
                }
                if (missing > 0) {
                    listener.accept(missing);
                }
                done.set(0, sizes.length);
                closed = true;
            }
        }

        synchronized void close() {
            closed = true;
        }
    }

    Job start(String group, int[] sizes, LongConsumer listener) {
        Job job = new Job(sizes, listener);
        byGroup.put(group, job);
        return job;
    }

    void end(Job job) {
        job.close();
        byGroup.values().remove(job);
        byStage.values().remove(job);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        Properties properties = submitted.properties();
        Job job = properties == null ? null : byGroup.get(String.valueOf(properties.getProperty(JOB_GROUP)));
        if (job != null) {
            byStage.put(submitted.stageInfo().stageId(), job);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Job job = byStage.get(end.stageId());
        if (job != null && end.taskInfo().successful()) {
            job.partitionDone(end.taskInfo().index());
        }
    }
}
