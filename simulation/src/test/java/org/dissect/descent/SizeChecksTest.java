package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.dissect.enumeration.EnumerationProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes beyond Java arrays or the heap are refused with one line before anything is allocated. */
class SizeChecksTest {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static void assertOneLine(IllegalArgumentException e, String start) {
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertTrue(e.getMessage().length() < 250, e.getMessage());
    }

    @Test
    void pointCountsBeyondTheLargestArrayAreRefused() {
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> Points.uniformOnSphere(1 << 20, 1 << 12, 1, ScSimulation.stream(1))),
            "the points (N*h coordinates, N=1048576, h=4096) needs 4.29e9 entries");
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> Points.uniformInBall(Integer.MAX_VALUE, 2, 1, ScSimulation.stream(1))), "the points");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> Points.coordinates(-1, 2)), "number of points N");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> Points.coordinates(2, 0)), "dimension h");
        assertEquals(6, Points.coordinates(3, 2).length);
        assertEquals(0, Points.coordinates(0, 2).length);
    }

    @Test
    void pointsWithinTheArrayLimitButBeyondTheHeapAreRefused() {
        long max = Runtime.getRuntime().maxMemory();
        assumeTrue(max < 8L * (Integer.MAX_VALUE - 8));
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> Points.coordinates(Integer.MAX_VALUE - 8, 1)), "the points (N*h coordinates, N=2147483639, h=1) needs about");
    }

    @Test
    void simulationSettingsBeyondTheLargestArraysAreRefused() {
        // N·h = 2^32
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new ScSimulation.Settings(1 << 10, 1 << 10, 1 << 12, 4, 1, ScMode.SAMPLED, 1, 0.1, 0, 1)), "the points");
        // FULL: a batch of N = 50,000 has a Gram matrix of 2.5e9 entries
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new ScSimulation.Settings(2, 25_000, 2, 0, 1, ScMode.FULL, 1, 0.1, 0, 1)), "the full batch's Gram matrix");
        // SAMPLED and EXACT: b² and b·h
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new ScSimulation.Settings(2, 2, 2, 50_000, 1, ScMode.SAMPLED, 1, 0.1, 0, 1)), "a batch's Gram matrix");
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new ScSimulation.Settings(2, 2, 1 << 20, 1 << 12, 1, ScMode.EXACT, 1, 0.1, 0, 1)), "a batch's points");
        // FULL ignores b
        assertEquals(4, new ScSimulation.Settings(2, 2, 2, 1 << 30, 1, ScMode.FULL, 1, 0.1, 0, 1).effectiveBatch());
        // CE: N·K logits and (N+K)·h coordinates
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new CeSimulation.Settings(1 << 16, 1 << 8, 2, 1, 0.1, false, 1, 0.1, 0, 1)), "the logits");
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new CeSimulation.Settings(2, 1 << 20, 1 << 10, 1, 0.1, false, 1, 0.1, 0, 1)), "the points and weights");
    }

    @Test
    void runsBeyondTheHeapAreRefusedBeforeTheyStart() {
        ScSimulation.Settings full = new ScSimulation.Settings(2, 20_000, 1, 0, 1, ScMode.FULL, 1, 0.1, 0, 1);
        assumeTrue(full.bytesNeeded() > Runtime.getRuntime().maxMemory());  // two 40,000² matrices: 25.6 GB
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ScSimulation.run(full, new double[40_000], new JavaScBatchGradient(), null, StepListener.NONE));
        assertOneLine(e, "an SC descent of N=40000, h=1 in FULL mode needs about");
        CeSimulation.Settings ce = new CeSimulation.Settings(2, 1 << 28, 1, 1, 0.1, false, 1, 0.1, 0, 1);
        assumeTrue(ce.bytesNeeded() > Runtime.getRuntime().maxMemory());  // 2^29 points: 64 GB
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> CeSimulation.run(ce, new JavaCeGradient(),
            StepListener.NONE)), "a CE descent of N=536870912, K=2, h=1 needs about");
    }

    @Test
    void exactModeNeedsItsEnumerationAndRefusesImpossibleOnes() {
        ScSimulation.Settings exact = new ScSimulation.Settings(3, 4, 2, 9, 1, ScMode.EXACT, 1, 0.1, 0, 1);
        assertTrue(exact.bytesNeeded() > EnumerationProblem.bytesNeeded(12, 2, 3, 9, true, false));
        // 100 points, b = 40: more than 2^63 batches
        ScSimulation.Settings huge = new ScSimulation.Settings(2, 50, 2, 40, 1, ScMode.EXACT, 1, 0.1, 0, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, huge::bytesNeeded).getMessage().contains("more than 2^63-1"));
    }

    /**
     * The estimate against the bytes a one-step run really allocates (HotSpot's per-thread count), in shapes where
     * each of its terms dominates in turn: the N·h vectors (FULL with large h), the two N×N matrices (FULL), the
     * b×b and b×h work arrays (SAMPLED), the (N+K)·h copies and the N×K matrices (CE). A step evaluates the
     * objective a few times and the CE objective copies its variables per evaluation: within a factor 2.
     */
    @ParameterizedTest(name = "{0} K={1} n={2} h={3} b={4}")
    @CsvSource({"FULL,2,10,20000,0", "FULL,2,300,2,0", "SAMPLED,2,2,2,1000", "SAMPLED,2,1,20000,50", "CE,2,2,50000,0",
        "CE,500,4,1,0"})
    void estimatesMatchTheAllocationsOfAStep(String kind, int classes, int perClass, int dim, int batch) {
        long estimate;
        Runnable run;
        if (kind.equals("CE")) {
            CeSimulation.Settings s = new CeSimulation.Settings(classes, perClass, dim, 1, 0.1, false, 1, 0.1, 0, 1);
            estimate = s.bytesNeeded();
            run = () -> CeSimulation.run(s, new JavaCeGradient(), StepListener.NONE);
        } else {
            ScSimulation.Settings s = new ScSimulation.Settings(classes, perClass, dim, batch, 1, ScMode.valueOf(kind), 1,
                0.1, 0, 1);
            estimate = s.bytesNeeded();
            double[] start = ScSimulation.initialPoints(s);
            run = () -> ScSimulation.run(s, start, new JavaScBatchGradient(), null, StepListener.NONE);
        }
        run.run();
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        run.run();
        long measured = THREADS.getThreadAllocatedBytes(id) - before;
        assertEquals(1, (double) measured / estimate, 0.5, measured + " allocated, " + estimate + " estimated");
    }

    @Test
    void theSamplerRefusesUniversesBeyondTheIntRange() {
        assertOneLine(assertThrows(IllegalArgumentException.class,
            () -> new MultisetSampler(2, Integer.MAX_VALUE, ScSimulation.stream(1))), "need N >= 1, b >= 1 and N+b-1 <= 2^31-1");
        int[] batch = new int[3];
        new MultisetSampler(Integer.MAX_VALUE - 2, 3, ScSimulation.stream(1)).next(batch);
        assertTrue(batch[0] <= batch[1] && batch[1] <= batch[2] && batch[0] >= 0, java.util.Arrays.toString(batch));
    }
}
