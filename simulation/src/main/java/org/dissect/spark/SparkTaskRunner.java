package org.dissect.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.dissect.io.BadInputException;
import org.dissect.parallel.TaskFunction;
import org.dissect.parallel.TaskRunner;

/**
 * Runs the tasks of a {@link TaskRunner} on Apache Spark: {@link #map} deals the tasks in turn into
 * {@value #SLICES_PER_CORE} partitions per core (one per task when there are fewer), runs each partition as one Spark
 * task, and puts the results back in task order.
 *
 * <p>The context is created once, by the constructor, and stopped by {@link #close}. Spark's web UI and console
 * progress bar are off; its log records go to stderr at WARN and above ({@code log4j2.properties} beside this
 * class), unless the JVM already has a log4j2 configuration (spark-submit's, or {@code -Dlog4j2.configurationFile}).
 * Progress is the count of finished tasks, a partition's worth at a time, taken from Spark's listener bus on the
 * driver ({@link TaskProgress}).
 *
 * <p>A standalone master ({@code spark://host:port}, several hosts separated by commas) is probed with a TCP connect
 * of at most {@value #CONNECT_TIMEOUT_MS} ms per host before the context is created, so that a master that does not
 * answer fails at once with one line instead of after Spark's minute of registration retries; and the constructor
 * waits up to {@value #EXECUTOR_WAIT_MS} ms for the master's first executor, so that a master without workers fails
 * with one line instead of leaving the first job waiting for ever.
 */
public final class SparkTaskRunner implements TaskRunner {
    /** The longest wait for a standalone master's port to accept a connection. */
    static final int CONNECT_TIMEOUT_MS = 3000;
    /** The longest wait for a standalone master to give the application its first executor. */
    static final int EXECUTOR_WAIT_MS = 60_000;
    /** Partitions per core of a job ({@link #slices}). */
    static final int SLICES_PER_CORE = 4;
    /** Spark's standalone master port when the URL gives none. */
    static final int DEFAULT_MASTER_PORT = 7077;
    /** The master URLs Spark 4 parses (SparkContext.createTaskScheduler), checked before Spark logs a failure. */
    private static final Pattern MASTER = Pattern.compile(
        "local|local\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?]|local-cluster\\[\\d+,\\d+,\\d+]|spark://.+|yarn|k8s://.+");

    static {
        quietLogging();
    }

    private final String master;
    private final JavaSparkContext context;
    private final TaskProgress progress;
    private final AtomicLong jobs = new AtomicLong();

    /**
     * Starts a Spark context on the given master.
     *
     * @param master a Spark master URL: {@code local}, {@code local[N]}, {@code local[*]}, {@code spark://host:port},
     *        or anything else Spark accepts ({@code yarn}, {@code k8s://…})
     * @throws BadInputException (naming {@code --spark}) if the master is empty, a standalone master does not
     *         accept a connection within {@value #CONNECT_TIMEOUT_MS} ms or gives no executor within
     *         {@value #EXECUTOR_WAIT_MS} ms, or Spark rejects the URL
     */
    public SparkTaskRunner(String master) {
        this(master, EXECUTOR_WAIT_MS);
    }

    /**
     * @param master the master URL
     * @param executorWaitMs the longest wait for a standalone master's first executor (tests wait less)
     */
    SparkTaskRunner(String master, int executorWaitMs) {
        if (master == null || master.isBlank()) {
            throw new BadInputException("--spark: give a Spark master URL, e.g. local[*] or spark://host:7077");
        }
        this.master = master.strip();
        requireKnownForm(this.master);
        requireReachable(this.master);
        SparkConf conf = new SparkConf()
            .setMaster(this.master)
            .setIfMissing("spark.app.name", "dissect")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false");
        if (this.master.startsWith("local")) {
            // an embedded master needs no network beyond the loopback interface
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            // executors on other machines load the tasks' classes from the dissect jar (spark-submit has set it already)
            ownJar().ifPresent(jar -> conf.setIfMissing("spark.jars", jar));
        }
        try {
            this.context = new JavaSparkContext(conf);
        } catch (Exception e) {  // SparkException is checked, though Scala does not declare it
            throw new BadInputException("--spark " + this.master + ": Spark cannot start: " + oneLine(e));
        }
        if (this.master.startsWith("spark://")) {
            awaitExecutor(executorWaitMs);
        }
        this.progress = new TaskProgress();
        context.sc().addSparkListener(progress);
    }

    /**
     * Waits until a standalone master has given this application an executor: a master without a free worker
     * accepts the application and then leaves every job waiting, silently, for ever.
     *
     * @param waitMs the longest wait
     * @throws BadInputException (after stopping the context) if no executor came in time
     */
    private void awaitExecutor(int waitMs) {
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        // the driver is one of the executors the status tracker lists
        while (context.sc().statusTracker().getExecutorInfos().length < 2) {
            if (System.nanoTime() > deadline) {
                context.stop();
                throw new BadInputException("--spark " + master + ": the master accepted the application, but no executor "
                    + "came within " + waitMs / 1000 + " s (does the master have a worker with free cores and memory?)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                context.stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Spark executor", e);
            }
        }
    }

    @Override
    public synchronized <T extends Serializable, R extends Serializable> List<R> map(
            List<T> tasks, TaskFunction<T, R> task, LongConsumer listener) {
        int n = tasks.size();
        if (n == 0) {
            return new ArrayList<>();
        }
        int slices = slices(n, parallelism());
        List<ArrayList<T>> buckets = new ArrayList<>(slices);
        for (int j = 0; j < slices; j++) {
            buckets.add(new ArrayList<>(n / slices + 1));
        }
        for (int i = 0; i < n; i++) {
            buckets.get(i % slices).add(tasks.get(i));
        }
        String group = "dissect-" + jobs.incrementAndGet();
        context.setJobGroup(group, "dissect: " + n + " tasks in " + slices + " partitions", true);
        int[] sizes = buckets.stream().mapToInt(List::size).toArray();
        TaskProgress.Job job = progress.start(group, sizes, listener);
        JavaFutureAction<List<ArrayList<R>>> future = context.parallelize(buckets, slices).map(bucket -> {
            ArrayList<R> out = new ArrayList<>(bucket.size());
            for (T t : bucket) {
                out.add(task.apply(t));
            }
            return out;
        }).collectAsync();
        try {
            List<ArrayList<R>> parts = future.get();
            job.finish();
            List<R> results = new ArrayList<>(Collections.nCopies(n, null));
            for (int j = 0; j < slices; j++) {
                List<R> part = parts.get(j);
                for (int k = 0; k < part.size(); k++) {
                    results.set(j + k * slices, part.get(k));
                }
            }
            return results;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Spark job interrupted", e);
        } catch (ExecutionException e) {
            throw taskFailure(e.getCause());
        } finally {
            progress.end(job);
            context.clearJobGroup();
        }
    }

    /**
     * How many partitions a job of n tasks gets: {@value #SLICES_PER_CORE} per core, at most one per task. Tasks
     * go to partitions in turn (task i to partition {@code i mod slices}), so that every partition holds a mix of the
     * grid's cheap and costly tasks, and a Spark task's scheduling cost (milliseconds) is paid per partition.
     *
     * @param tasks n ≥ 1
     * @param cores the cores Spark offers
     * @return the number of partitions
     */
    static int slices(int tasks, int cores) {
        return (int) Math.min(tasks, (long) SLICES_PER_CORE * Math.max(1, cores));
    }

    @Override
    public int parallelism() {
        return context.defaultParallelism();
    }

    @Override
    public String describe() {
        return "Apache Spark " + master;
    }

    @Override
    public void close() {
        context.stop();
    }

    /**
     * The task's own exception when Spark shipped it back (a job aborted by a failed task carries it as its cause),
     * so that a task fails here as it fails on local threads; otherwise Spark's exception, wrapped.
     */
    static RuntimeException taskFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && cause.getClass().getName().startsWith("org.apache.spark.")) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("Spark job failed: " + oneLine(failure), failure);
    }

    /**
     * @param master the master URL
     * @throws BadInputException if it has none of the forms Spark accepts: {@code local}, {@code local[N]},
     *         {@code local[*]}, {@code local[N,F]}, {@code local-cluster[W,C,M]}, {@code spark://…}, {@code yarn},
     *         {@code k8s://…}
     */
    static void requireKnownForm(String master) {
        if (!MASTER.matcher(master).matches()) {
            throw new BadInputException("--spark " + master + ": not a Spark master URL; expected local[*], local[N], "
                + "spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
    }

    /**
     * Probes every host of a standalone master URL; at least one must accept a TCP connection.
     *
     * @param master the master URL
     * @throws BadInputException if none does, or the URL is malformed
     */
    static void requireReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String hosts = master.substring("spark://".length());
        List<String> failures = new ArrayList<>();
        for (String hostPort : hosts.split(",")) {
            InetSocketAddress address = address(master, hostPort.strip());
            try (Socket socket = new Socket()) {
                socket.connect(address, CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                failures.add(hostPort.strip() + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        throw new BadInputException("--spark " + master + ": no Spark master answers at " + String.join(", ", failures)
            + " within " + CONNECT_TIMEOUT_MS / 1000 + " s; start one (sbin/start-master.sh) or use --spark 'local[*]'");
    }

    private static InetSocketAddress address(String master, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = DEFAULT_MASTER_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new BadInputException("--spark " + master + ": expected spark://HOST:PORT, got '" + hostPort + "'");
        }
        return new InetSocketAddress(host, port);
    }

    /** @return the jar this class was loaded from, if it was loaded from a jar */
    private static java.util.Optional<String> ownJar() {
        try {
            URL location = SparkTaskRunner.class.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? java.util.Optional.of(path.toString()) : java.util.Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Points log4j2 at this package's configuration unless the JVM chose one (spark-submit, -D). */
    private static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null) {
            URL config = SparkTaskRunner.class.getResource("log4j2.properties");
            if (config != null) {
                System.setProperty("log4j2.configurationFile", config.toString());
            }
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
