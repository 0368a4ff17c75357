package org.dissect.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dissect.io.BadInputException;
import org.dissect.parallel.TaskFunction;

/** {@link SparkTaskRunner} on an embedded {@code local[2]} master: one context for the whole class. */
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
}
