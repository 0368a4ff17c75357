package org.dissect.parallel;

import java.io.Serializable;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs independent tasks (the cells of a sweep, the rank ranges of an enumeration) and returns their results
 * in task order, whatever the scheduling: on local threads or on Apache Spark. A task's result must depend on
 * the task alone (its seed comes from its own parameters), so that every runner returns the same list.
 */
public interface TaskRunner extends AutoCloseable {
    /**
     * @param tasks the tasks, in order
     * @param task what to do with each
     * @param progress told the number of tasks finished since its last call (from any thread; may be coarse)
     * @param <T> the task type
     * @param <R> the result type
     * @return the results, {@code results.get(i) = task.apply(tasks.get(i))}
     */
    <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, TaskFunction<T, R> task, LongConsumer progress);

    /** @return how many tasks can run at once */
    int parallelism();

    /** @return what runs the tasks, for the output: {@code "2 local threads"}, {@code "Apache Spark local[2]"} */
    String describe();

    /** Releases threads or the Spark context; the runner cannot be used afterwards. */
    @Override
    void close();
}
