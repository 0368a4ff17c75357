package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

/** Checks that closing an SC engine stops the row workers it started. */
final class EngineThreads {
    private EngineThreads() {
    }

    private static Set<Thread> rowWorkers() {
        Set<Thread> s = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("dissect-rows-")) {
                s.add(t);
            }
        }
        return s;
    }

    /** Runs one 96-copy batch on the engine (3 threads: its coefficient rows split), closes it, and waits for its workers. */
    static void closeStopsTheRowWorkers(ScBatchGradient engine) throws InterruptedException {
        Set<Thread> before = rowWorkers();
        int m = 96;
        int dim = 2;
        double[] z = PlainReference.random(m * dim, 5);
        int[] labels = new int[m];
        int[] batch = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = i % 4;
            batch[i] = i;
        }
        engine.lossAndGradient(z, dim, labels, batch, new double[m * dim]);
        Set<Thread> started = rowWorkers();
        started.removeAll(before);
        assertFalse(started.isEmpty(), "the engine's rows ran on workers");
        engine.close();
        for (Thread t : started) {
            t.join(5_000);
            assertTrue(!t.isAlive(), t.getName() + " still alive after close");
        }
    }
}
