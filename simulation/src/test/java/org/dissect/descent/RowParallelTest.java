package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RowParallel}: the split into ranges, its workers, and how it reports failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RowParallelTest {

    private static List<int[]> ranges(RowParallel rows, int n, int grain) {
        List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        rows.forRows(n, grain, (from, to) -> {
            seen.add(new int[] {from, to});
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "row " + i + " of " + n);
        }
        List<int[]> sorted = new ArrayList<>(seen);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        return sorted;
    }

    @Test
    void splitsIntoTheExpectedNumberOfEvenRanges() {
        for (int threads = 1; threads <= 3; threads++) {
            try (RowParallel rows = new RowParallel(threads)) {
                for (int grain : new int[] {1, 2, 4, 32}) {
                    for (int n = 0; n <= 3 * grain + 2; n++) {
                        List<int[]> r = ranges(rows, n, grain);
                        int parts = Math.min(threads, Math.max(1, n / grain));
                        assertEquals(parts, r.size(), "T=" + threads + " n=" + n + " grain=" + grain);
                        for (int t = 0; t < parts; t++) {
                            assertEquals((long) n * t / parts, r.get(t)[0]);
                            assertEquals((long) n * (t + 1) / parts, r.get(t)[1]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void workersAreAtMostTMinusOneDaemonThreadsAndTheCallerTakesTheFirstRange() {
        try (RowParallel rows = new RowParallel(3)) {
            Set<Thread> workers = ConcurrentHashMap.newKeySet();
            Thread caller = Thread.currentThread();
            for (int call = 0; call < 20; call++) {
                rows.forRows(3, 1, (from, to) -> {
                    if (from == 0) {
                        assertSame(caller, Thread.currentThread());
                    } else {
                        workers.add(Thread.currentThread());
                    }
                });
            }
            assertTrue(workers.size() <= 2 && !workers.isEmpty(), "workers " + workers.size());
            for (Thread t : workers) {
                assertTrue(t.isDaemon(), t.getName());
                assertTrue(t.getName().startsWith("dissect-rows-"), t.getName());
            }
        }
    }

    @Test
    void aWorkersRuntimeExceptionIsRethrownAsIsAndAnErrorIsWrapped() {
        try (RowParallel rows = new RowParallel(2)) {
            IllegalArgumentException iae = new IllegalArgumentException("row");
            assertSame(iae, assertThrows(IllegalArgumentException.class, () -> rows.forRows(2, 1, (from, to) -> {
                if (from > 0) {
                    throw iae;
                }
            })));
            AssertionError err = new AssertionError("boom");
            IllegalStateException wrapped = assertThrows(IllegalStateException.class, () -> rows.forRows(2, 1, (from, to) -> {
                if (from > 0) {
                    throw err;
                }
            }));
            assertSame(err, wrapped.getCause());
        }
    }

    @Test
    void anInterruptedCallerGivesUpWaitingAndKeepsItsInterruptFlag() {
        try (RowParallel rows = new RowParallel(2)) {
            Thread.currentThread().interrupt();
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> rows.forRows(2, 1, (from, to) -> {
                    if (from > 0) {
                        try {
                            Thread.sleep(2_000);
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
                assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
                assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag restored");
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void oneThreadRunsInlineAndRejectsZero() {
        assertThrows(IllegalArgumentException.class, () -> new RowParallel(0));
        Set<Thread> seen = new HashSet<>();
        try (RowParallel rows = new RowParallel(1)) {
            rows.forRows(100, 1, (from, to) -> {
                assertEquals(0, from);
                assertEquals(100, to);
                seen.add(Thread.currentThread());
            });
        }
        assertEquals(Set.of(Thread.currentThread()), seen);
    }
}
