package org.dissect.parallel;

import java.lang.reflect.InvocationTargetException;
import org.dissect.io.BadInputException;

/**
 * Chooses the {@link TaskRunner}: local threads, or Apache Spark when a master URL is given. Spark is optional:
 * nothing outside {@code org.dissect.spark} refers to it at compile time, and its runner is loaded here by name, so
 * the toolkit runs (and this class loads) without Spark on the class path.
 */
public final class TaskRunners {
    /** The Spark runner, constructed reflectively through its public {@code (String master)} constructor. */
    static final String SPARK_RUNNER = "org.dissect.spark.SparkTaskRunner";

    /** The one line that says how to get Spark when it is missing. */
    static final String SPARK_MISSING = "--spark needs Apache Spark on the class path (./dissect adds it; with plain java run org.dissect.cli.Dissect with Spark's jars on -cp)";

    private TaskRunners() {
    }

    /**
     * @param sparkMaster a Spark master URL ({@code local[*]}, {@code spark://host:7077}), or null for local threads
     * @param threads the local threads (ignored with a Spark master), at least 1
     * @return the runner, to be closed after use
     * @throws BadInputException if a master is given and Spark (or the toolkit's Spark runner) is not on the class path,
     *         or if {@code threads < 1}
     */
    public static TaskRunner create(String sparkMaster, int threads) {
        return create(sparkMaster, threads, SPARK_RUNNER);
    }

    /**
     * As {@link #create(String, int)}, with the Spark runner's class named (the tests name one that does not exist).
     *
     * @param sparkMaster a master URL, or null
     * @param threads the local threads
     * @param runnerClass the fully qualified name of a {@link TaskRunner} with a public {@code (String master)} constructor
     * @return the runner
     */
    static TaskRunner create(String sparkMaster, int threads, String runnerClass) {
        if (sparkMaster == null) {
            if (threads < 1) {
                throw new BadInputException("--threads must be at least 1, got " + threads);
            }
            return new LocalTaskRunner(threads);
        }
        try {
            Class<? extends TaskRunner> type = Class.forName(runnerClass, true, TaskRunners.class.getClassLoader())
                .asSubclass(TaskRunner.class);
            return type.getConstructor(String.class).newInstance(sparkMaster);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BadInputException(SPARK_MISSING);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkageError) {
                throw new BadInputException(SPARK_MISSING);
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the Spark runner failed to start: " + cause, cause);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the Spark runner " + runnerClass + " cannot be constructed: " + e, e);
        }
    }
}
