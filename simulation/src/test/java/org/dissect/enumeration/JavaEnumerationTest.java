package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.parallel.WorkerThreads;
import net.jqwik.api.Example;
import org.dissect.parallel.WorkerThreads;

/**
 * The Java engine against the shared suite: 3 threads (more than the cores of a small machine) and lanes of
 * at least 16 batches, so that even the small random problems are split into many rank ranges.
 */
class JavaEnumerationTest extends EnumerationContract {
    @Override
    protected Enumeration open() {
        return new JavaEnumeration(3, 16);
    }

    @Override
    protected Engine expectedEngine() {
        return Engine.JAVA;
    }

    @Example
    void resultsDoNotDependOnTheNumberOfThreads() {
        double[][] z = new double[12][];
        int[] labels = new int[12];
        for (int i = 0; i < 12; i++) {
            z[i] = new double[] {Math.cos(1.7 * i), Math.sin(1.7 * i)};
            labels[i] = i % 3;
        }
        EnumerationProblem p = new EnumerationProblem(z, labels, 3, 7);  // 31,824 batches: 8 lanes of the default size
        EnumerationRequest all = new EnumerationRequest(true, true, null);
        EnumerationResult one;
        EnumerationResult three;
        try (JavaEnumeration e = new JavaEnumeration(1)) {
            one = e.enumerate(p, all);
        }
        try (JavaEnumeration e = new JavaEnumeration(3)) {
            three = e.enumerate(p, all);
        }
        assertEquals(one.totalLoss(), three.totalLoss(), 0.0, "bitwise equal");
        assertArrayEquals(one.gradientGram(), three.gradientGram(), 0.0);
        assertEquals(one.histogram(), three.histogram());
        assertEquals(1, one.threads());
        assertEquals(3, three.threads());
        assertEquals(8, three.lanes());
        assertEquals("1 Java thread", one.engine().device());
    }

    @Example
    void workerThreadsStartedFromAThreadGroupLeaveNoThreadInIt() {
        // JShell (the notebook runner) runs a snippet in a fresh thread group and then joins every thread of the
        // group: a pool thread started there would make the snippet wait forever.
        EnumerationProblem p = TestProblems.simplex(3, 2, 2, 1.0, 5);  // 252 batches: 15 lanes of 16, 3 threads busy
        double expected = new NaiveEnumeration().enumerate(p, EnumerationRequest.loss()).totalLoss();
        ThreadGroup snippet = new ThreadGroup("snippet");
        JavaEnumeration[] engine = new JavaEnumeration[1];
        double[] total = new double[1];
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                Thread t = new Thread(snippet, () -> {
                    engine[0] = new JavaEnumeration(3, 16);
                    total[0] = engine[0].enumerate(p, EnumerationRequest.loss()).totalLoss();
                });
                t.start();
                t.join();
                Thread[] left = new Thread[snippet.activeCount() + 8];
                int alive = snippet.enumerate(left, true);
                assertEquals(0, alive, "threads left in the caller's group: " + Arrays.toString(Arrays.copyOf(left, alive)));
            });
        } finally {
            if (engine[0] != null) {
                engine[0].close();
            }
        }
        assertEquals(expected, total[0], 1e-12 * TestProblems.scale(p));
    }

    @Example
    void workerThreadsAreDaemonsOfTheirOwnGroupUnderTheRoot() {
        try (JavaEnumeration engine = new JavaEnumeration(2, 16)) {
            assertEquals(RanOn.java(2), engine.engine());
            assertEquals(2, engine.threads());
            engine.enumerate(TestProblems.simplex(3, 2, 2, 1.0, 5), EnumerationRequest.loss());
            Thread[] workers = new Thread[WorkerThreads.GROUP.activeCount() + 8];
            int n = WorkerThreads.GROUP.enumerate(workers, false);
            assertTrue(n >= 2, "the pool's threads live in the workers' group");
            for (int i = 0; i < n; i++) {
                assertTrue(workers[i].isDaemon(), workers[i].getName());
            }
            assertEquals(null, WorkerThreads.GROUP.getParent().getParent(), "a child of the root group");
        }
    }

    @Example
    void anExceptionInALaneReachesTheCallerAsItIs() {
        EnumerationProblem p = TestProblems.simplex(3, 2, 2, 1.0, 5);
        IllegalStateException stop = new IllegalStateException("stop");
        try (JavaEnumeration engine = new JavaEnumeration(2, 16)) {
            assertSame(stop, assertThrows(IllegalStateException.class,
                () -> engine.enumerate(p, EnumerationRequest.loss().withProgress(n -> {
                    throw stop;
                }))));
            // an Error is wrapped (it is not a RuntimeException)
            AssertionError error = new AssertionError("broken");
            assertSame(error, assertThrows(IllegalStateException.class,
                () -> engine.enumerate(p, EnumerationRequest.loss().withProgress(n -> {
                    throw error;
                }))).getCause());
            // and the engine still works
            assertEquals(new NaiveEnumeration().enumerate(p, EnumerationRequest.loss()).totalLoss(),
                engine.enumerate(p, EnumerationRequest.loss()).totalLoss(), 1e-12 * TestProblems.scale(p));
        }
    }

    @Example
    void anInterruptedCallerGetsAnExceptionAndKeepsItsInterruptFlag() {
        EnumerationProblem p = TestProblems.simplex(3, 4, 2, 1.0, 9);  // 167,960 batches
        try (JavaEnumeration engine = new JavaEnumeration(1, 16)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                Thread.currentThread().interrupt();
                IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> engine.enumerate(p, EnumerationRequest.loss()));
                assertEquals("enumeration interrupted", e.getMessage());
                assertTrue(Thread.interrupted(), "the flag is restored (and cleared here)");
            });
        }
    }

    @Example
    void aLaneTakesAtLeastMinLaneBatchesRoundedUp() {
        EnumerationProblem p = TestProblems.simplex(3, 2, 2, 1.0, 5);  // 252 batches
        for (long[] minAndLanes : new long[][] {{84, 3}, {83, 4}, {252, 1}, {1000, 1}}) {
            try (JavaEnumeration engine = new JavaEnumeration(2, minAndLanes[0])) {
                assertEquals(minAndLanes[1], engine.enumerate(p, EnumerationRequest.loss()).lanes(), "minLane " + minAndLanes[0]);
            }
        }
    }

    @Example
    void lanesLongerThanAProgressStepReportEveryStep() {
        // one lane of 435,897 batches: progress comes in steps of 2^18, the interruption check runs between them
        double[][] z = new double[33][];
        int[] labels = new int[33];
        for (int i = 0; i < 33; i++) {
            z[i] = new double[] {Math.cos(2 * i), Math.sin(2 * i)};
            labels[i] = i % 2;
        }
        EnumerationProblem p = new EnumerationProblem(z, labels, 2, 5);  // C(37, 5) = 435,897
        java.util.List<Long> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JavaEnumeration engine = new JavaEnumeration(1, 1L << 40)) {
            EnumerationResult r = engine.enumerate(p, EnumerationRequest.loss().withProgress(reports::add));
            assertEquals(1, r.lanes());
            assertEquals(java.util.List.of(JavaEnumeration.STEP, p.batchCount() - JavaEnumeration.STEP), reports);
        }
    }

    @Example
    void largeBatchesReportProgressInProportionallySmallerSteps() {
        assertEquals(JavaEnumeration.STEP, JavaEnumeration.progressStep(2));
        assertEquals(JavaEnumeration.STEP, JavaEnumeration.progressStep(32));
        assertEquals(JavaEnumeration.STEP / 2, JavaEnumeration.progressStep(64));
        assertEquals(8, JavaEnumeration.progressStep(1 << 20));
        assertEquals(1, JavaEnumeration.progressStep(Integer.MAX_VALUE));
        // N = 2, b = 4096: 4,097 batches in steps of at most 2048 (lanes finish in any order), all reported
        EnumerationProblem p = new EnumerationProblem(new double[][] {{1, 0}, {-1, 0}}, new int[] {0, 1}, 2, 4096);
        java.util.List<Long> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JavaEnumeration engine = new JavaEnumeration(1)) {
            engine.enumerate(p, EnumerationRequest.loss().withProgress(reports::add));
        }
        assertTrue(reports.stream().allMatch(r -> r <= 2048), reports::toString);
        assertEquals(4097L, reports.stream().mapToLong(Long::longValue).sum());
        assertTrue(reports.size() >= 3, reports::toString);
    }
}
