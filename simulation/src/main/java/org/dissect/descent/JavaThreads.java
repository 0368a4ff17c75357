package org.dissect.descent;

import org.ejml.concurrency.EjmlConcurrency;

/** The thread count of the Java engines' concurrent EJML products ({@code EjmlConcurrency}, process-wide). */
final class JavaThreads {
    private JavaThreads() {
    }

    /**
     * @param threads threads, at least 1; more than 1 sets EJML's thread count
     * @return threads
     * @throws IllegalArgumentException if threads is below 1
     */
    static int use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (threads > 1 && EjmlConcurrency.getMaxThreads() != threads) {
            EjmlConcurrency.setMaxThreads(threads);
        }
        return threads;
    }
}
