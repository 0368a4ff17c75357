package org.dissect.parallel;

import java.io.Serializable;
import java.util.function.Function;

/**
 * One independent unit of work that may travel to another JVM (an Apache Spark executor): a function that
 * is also {@link Serializable}. A lambda assigned to this type is serialisable when everything it captures is.
 *
 * @param <T> the task's description
 * @param <R> its result
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Function<T, R>, Serializable {
}
