package org.dissect.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;
import org.dissect.enumeration.JavaEnumeration;
import org.dissect.enumeration.LossHistogram;
import org.dissect.enumeration.TaskRunnerEnumeration;
import org.dissect.io.BadInputException;
import org.dissect.parallel.TaskFunction;

/**
 * {@link SparkTaskRunner} on an embedded {@code local[2]} master (one context for the whole class): task order,
 * failures, progress; and the exact enumeration split over its partitions ({@link TaskRunnerEnumeration}), which
 * equals the Java engine bit for bit: the total loss, {@code ∂L/∂G}, {@code ∂L/∂Z} and the histogram.
 */
class SparkTaskRunnerTest {
    private static SparkTaskRunner spark;

    @BeforeContainer
    static void start() {
        spark = new SparkTaskRunner("local[2]");
    }

    @AfterContainer
    static void stop() {
        spark.close();
    }

    /** A task whose result depends on the task alone: a few rounds of SplitMix64 on it, as text. */
    private static String mix(long x) {
        long z = x;
        for (int i = 0; i < 3; i++) {
            z += 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
        }
        return x + ":" + Long.toHexString(z);
    }

    @Property(tries = 8)
    void resultsComeInTaskOrderAndEqualAPlainLoop(@ForAll @Size(max = 60) List<Long> tasks) {
        List<String> expected = new ArrayList<>();
        for (long t : tasks) {
            expected.add(mix(t));
        }
        AtomicLong finished = new AtomicLong();
        TaskFunction<Long, String> f = SparkTaskRunnerTest::mix;
        assertEquals(expected, spark.map(tasks, f, finished::addAndGet));
        assertEquals(tasks.size(), finished.get(), "every task reported finished exactly once");
    }

    @Example
    void aFailingTaskFailsTheMapWithItsOwnException() {
        List<Integer> tasks = List.of(1, 2, 3, 4, 5);
        TaskFunction<Integer, Integer> f = t -> {
            if (t == 3) {
                throw new IllegalArgumentException("task " + t + " is bad");
            }
            return t * t;
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark.map(tasks, f, n -> { }));
        assertEquals("task 3 is bad", e.getMessage());
        // the context survives a failed job
        assertEquals(List.of(1, 4, 9), spark.map(List.of(1, 2, 3), t -> t * t, n -> { }));
    }

    @Example
    void tasksAreDealtIntoFourPartitionsPerCoreAtMostOnePerTask() {
        assertEquals(1, SparkTaskRunner.slices(1, 2));
        assertEquals(7, SparkTaskRunner.slices(7, 2));
        assertEquals(8, SparkTaskRunner.slices(60, 2));
        assertEquals(4, SparkTaskRunner.slices(60, 0));
    }

    @Example
    void describesItselfByItsMaster() {
        assertEquals("Apache Spark local[2]", spark.describe());
        assertEquals(2, spark.parallelism());
        assertEquals(List.of(), spark.map(List.<Integer>of(), t -> t, n -> { }));
    }

    @Example
    void anUnreachableMasterFailsWithinSecondsInOneLine() {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(SparkTaskRunner.CONNECT_TIMEOUT_MS / 1000 + 5),
            () -> assertThrows(BadInputException.class, () -> new SparkTaskRunner("spark://127.0.0.1:1")));
        assertTrue(e.getMessage().startsWith("--spark spark://127.0.0.1:1: no Spark master answers at 127.0.0.1:1"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Example
    void aMalformedStandaloneMasterIsBadInput() {
        for (String master : List.of("spark://:7077", "spark://host:port", "spark://host:0", " ", "bogus", "local[0]", "local[x]", "local[2")) {
            BadInputException e = assertThrows(BadInputException.class, () -> new SparkTaskRunner(master), master);
            assertTrue(e.getMessage().startsWith("--spark"), e.getMessage());
        }
    }

    /** K classes of n points, Gaussian directions in R^h scaled to norm rho (labels in turn). */
    static EnumerationProblem problem(int classes, int perClass, int dim, int batch, double rho, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] z = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                z[i][d] = random.nextDouble() * 2 - 1;
                norm += z[i][d] * z[i][d];
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < dim; d++) {
                z[i][d] = norm == 0 ? (d == 0 ? rho : 0) : z[i][d] * rho / norm;
            }
        }
        return new EnumerationProblem(z, labels, classes, batch);
    }

    @Property(tries = 10)
    void lossGradientAndHistogramEqualTheJavaEngineBitForBit(@ForAll @IntRange(min = 2, max = 4) int classes,
                                                              @ForAll @IntRange(min = 2, max = 4) int perClass,
                                                              @ForAll @IntRange(min = 1, max = 4) int dim,
                                                              @ForAll @IntRange(min = 4, max = 7) int batch,
                                                              @ForAll long seed) {
        EnumerationProblem p = problem(classes, perClass, dim, batch, 1 + (seed & 3), seed);
        EnumerationRequest request = new EnumerationRequest(true, true, null);
        EnumerationResult local;
        try (JavaEnumeration java = new JavaEnumeration(2)) {
            local = java.enumerate(p, request);
        }
        AtomicLong reported = new AtomicLong();
        EnumerationResult distributed = new TaskRunnerEnumeration(spark).enumerate(p, request.withProgress(reported::addAndGet));
        assertEquals(local.lanes(), distributed.lanes());
        assertEquals(Double.doubleToLongBits(local.totalLoss()), Double.doubleToLongBits(distributed.totalLoss()),
            local.totalLoss() + " vs " + distributed.totalLoss());
        assertArrayEquals(local.gradientGram(), distributed.gradientGram());  // JUnit compares doubles' bits
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(local.gradient()[i], distributed.gradient()[i]);
        }
        assertEquals(local.histogram().groups().size(), distributed.histogram().groups().size());
        for (int g = 0; g < local.histogram().groups().size(); g++) {
            LossHistogram.Group a = local.histogram().groups().get(g);
            LossHistogram.Group b = distributed.histogram().groups().get(g);
            assertArrayEquals(a.counts(), b.counts());
            assertEquals(a.batches(), b.batches());
            assertArrayEquals(new double[] {a.minLoss(), a.meanLoss(), a.maxLoss()}, new double[] {b.minLoss(), b.meanLoss(), b.maxLoss()});
        }
        assertEquals(p.batchCount(), reported.get(), "progress counts every batch once");
        assertEquals("java on Apache Spark local[2]", distributed.engine().toString());
        assertTrue(distributed.threads() <= 2);
    }
}
