package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.Test;

/** {@link JavaThreads#use}: EJML's process-wide thread count is set for more than one thread and left alone for one. */
class JavaThreadsTest {

    @Test
    void setsEjmlsThreadCountOnlyForMoreThanOneThread() {
        int before = EjmlConcurrency.getMaxThreads();
        try {
            assertEquals(3, JavaThreads.use(3));
            assertEquals(3, EjmlConcurrency.getMaxThreads());
            assertEquals(2, JavaThreads.use(2));
            assertEquals(2, EjmlConcurrency.getMaxThreads());
            assertEquals(2, JavaThreads.use(2));
            assertEquals(2, EjmlConcurrency.getMaxThreads());
            assertEquals(1, JavaThreads.use(1));
            assertEquals(2, EjmlConcurrency.getMaxThreads(), "one thread leaves EJML's setting alone");
            assertThrows(IllegalArgumentException.class, () -> JavaThreads.use(0));
        } finally {
            EjmlConcurrency.setMaxThreads(before);
        }
    }
}
