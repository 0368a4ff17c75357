package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Example;

/** The Java engine against the shared suite (3 threads on purpose: more than the cores of a small machine). */
class JavaEnumerationTest extends EnumerationContract {
    @Override
    protected Enumeration open() {
        return new JavaEnumeration(3);
    }

    @Override
    protected Engine expectedEngine() {
        return Engine.JAVA;
    }

    @Example
    void resultsDoNotDependOnTheNumberOfThreads() {
        EnumerationProblem p = TestProblems.random(3, 4, 2, 6, 1.2, 5);
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
        assertEquals("1 Java thread", one.device());
    }
}
