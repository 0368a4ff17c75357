package org.dissect.enumeration;

import java.lang.management.ManagementFactory;

/** Measures the bytes a piece of code allocates on the heap, in the current thread (HotSpot's TLAB accounting). */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /**
     * @param action the code, run twice: once to load its classes, once measured
     * @return the bytes the second run allocated in this thread
     */
    static long measure(Runnable action) {
        action.run();
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        action.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }

    /** @return the bytes allocated so far by all live threads */
    static long allThreads() {
        long total = 0;
        for (long a : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, a);
        }
        return total;
    }
}
