package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dissect.engine.Engine;
import net.jqwik.api.Example;

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
}
