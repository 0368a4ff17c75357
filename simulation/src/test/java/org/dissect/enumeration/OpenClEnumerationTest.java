package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.dissect.engine.Engine;

/**
 * The OpenCL engine against the shared suite, and a check that the kernel really ran on OpenCL (Aparapi
 * would otherwise silently run it in Java threads). Skipped, not failed, where no OpenCL device exists;
 * CI installs PoCL (a CPU OpenCL runtime) so that it runs there.
 */
@AddLifecycleHook(RequiresOpenCl.class)
class OpenClEnumerationTest extends EnumerationContract {

    @Override
    protected Enumeration open() {
        return new OpenClEnumeration(2);
    }

    @Override
    protected Engine expectedEngine() {
        return Engine.OPENCL;
    }

    @Example
    void theKernelReallyRunsOnOpenClAndAgreesWithJavaToOnePartInATrillion() {
        EnumerationProblem p = TestProblems.random(3, 4, 2, 9, 1.0, 2021);
        EnumerationRequest all = new EnumerationRequest(true, true, null);
        EnumerationResult java;
        try (JavaEnumeration e = new JavaEnumeration(2)) {
            java = e.enumerate(p, all);
        }
        OpenClEnumeration engine = (OpenClEnumeration) engine();
        EnumerationResult cl = engine.enumerate(p, all);
        assertEquals(Engine.OPENCL, cl.engine().kind(), cl.engine().toString());
        assertNull(cl.engine().fallback(), "Aparapi fell back to Java");
        assertEquals(cl.engine(), engine.engine());
        assertEquals(org.dissect.opencl.OpenClRuntime.describe(OpenClEnumeration.device().orElseThrow()), cl.engine().device());
        assertEquals(java.totalLoss(), cl.totalLoss(), 1e-12 * Math.abs(java.totalLoss()));
        double max = 0;
        for (double g : java.gradientGram()) {
            max = Math.max(max, Math.abs(g));
        }
        assertArrayEquals(java.gradientGram(), cl.gradientGram(), 1e-12 * max);
        assertHistogramsEqual(java.histogram(), cl.histogram(), 1e-12 * Math.abs(java.meanLoss()));
    }

    @Example
    void aparapiFallingBackToJavaIsReportedNeverClaimedAsOpenCl() throws Exception {
        // -Dcom.aparapi.executionMode=JTP makes Aparapi refuse the OpenCL device; Aparapi reads it once per JVM
        String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(launcher, "-Dcom.aparapi.executionMode=JTP", "-cp",
            System.getProperty("java.class.path"), FallbackProbe.class.getName()).redirectErrorStream(false).start();
        child.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertEquals(0, child.waitFor(), out);
        String[] fields = out.split("\\|");
        assertEquals("java", fields[0], out);
        org.junit.jupiter.api.Assertions.assertTrue(fields[1].startsWith("Aparapi: "), out);
        assertEquals("java", fields[3], "the engine itself reports the fallback after the run: " + out);
        EnumerationProblem p = new EnumerationProblem(new double[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}},
            new int[] {0, 0, 1, 1}, 2, 3);
        assertEquals(new NaiveEnumeration().enumerate(p, EnumerationRequest.loss()).totalLoss(),
            Double.parseDouble(fields[2]), 1e-12);
    }
}
