package org.dissect.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalTaskRunnerTest {
    @Test
    void resultsComeInTaskOrderWhateverOrderTheTasksFinishIn() {
        List<Integer> tasks = IntStream.range(0, 64).boxed().toList();
        Set seen = new Set();
        AtomicLong progress = new AtomicLong();
        try (LocalTaskRunner r = new LocalTaskRunner(4)) {
            // early tasks sleep longest, so they finish last
            List<String> out = r.map(tasks, (TaskFunction<Integer, String>) i -> {
                sleep(64 - i);
                seen.threads.add(Thread.currentThread().getName());
                return "t" + i;
            }, progress::addAndGet);
            assertEquals(tasks.stream().map(i -> "t" + i).toList(), out);
            assertEquals(64, progress.get(), "progress counts every task once");
            assertTrue(seen.threads.size() > 1 && seen.threads.size() <= 4, "ran on " + seen.threads);
            assertEquals(4, r.parallelism());
            assertEquals("4 local threads", r.describe());
        }
    }

    @Test
    void aFailingTaskFailsTheMapWithItsCauseWithoutHanging() {
        IllegalStateException boom = new IllegalStateException("cell 7 failed");
        try (LocalTaskRunner r = new LocalTaskRunner(2)) {
            List<Integer> tasks = IntStream.range(0, 20).boxed().toList();
            IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IllegalStateException.class,
                () -> r.map(tasks, (TaskFunction<Integer, Integer>) i -> {
                    if (i == 7) {
                        throw boom;
                    }
                    if (i > 7) {
                        sleep(10_000);  // cancelled: the map returns without waiting for these
                    }
                    return i;
                }, n -> { })));
            assertSame(boom, e);
            // the runner is still usable afterwards
            assertEquals(List.of(1, 2), r.map(List.of(1, 2), (TaskFunction<Integer, Integer>) i -> i, n -> { }));
        }
    }

    @Test
    void anErrorIsRethrownAsItselfAndACheckedCauseIsWrapped() {
        try (LocalTaskRunner r = new LocalTaskRunner(1)) {
            assertThrows(AssertionError.class, () -> r.map(List.of(1), (TaskFunction<Integer, Integer>) i -> {
                throw new AssertionError("x");
            }, n -> { }));
        }
        assertThrows(IllegalArgumentException.class, () -> new LocalTaskRunner(0));
        try (LocalTaskRunner r = new LocalTaskRunner(1)) {
            assertEquals("1 local thread", r.describe());
            assertEquals(List.of(), r.map(new ArrayList<Integer>(), (TaskFunction<Integer, Integer>) i -> i, n -> { }));
        }
    }

    private static final class Set {
        final java.util.Set<String> threads = ConcurrentHashMap.newKeySet();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
