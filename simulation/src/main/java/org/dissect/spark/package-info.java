/**
 * Apache Spark as a {@link org.dissect.parallel.TaskRunner}: the cells of a sweep and the lanes of an exact
 * enumeration run as Spark tasks, on an embedded {@code local[*]} master or a cluster.
 *
 * <p>Spark is optional. It is a {@code provided} dependency: compiled against, on the test class path, never in the
 * shaded {@code dissect.jar}. This package alone may touch {@code org.apache.spark} or {@code scala} (ArchUnit
 * checks it), and nothing outside it names a class of this package: {@code TaskRunners} loads
 * {@link org.dissect.spark.SparkTaskRunner} by name, so every other command runs without Spark on the class path.
 * The {@code ./dissect} launcher adds Spark's jars (listed in {@code simulation/target/spark-classpath.txt} at
 * package time) and the Java 17 {@code --add-opens} flags ({@code src/conf/spark/java17.args}) only when the
 * arguments hold {@code --spark}; on a cluster {@code spark-submit} provides both.
 */
package org.dissect.spark;
