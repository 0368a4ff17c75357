package org.dissect.opencl;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Guards tests of the OpenCL path: they are skipped where no OpenCL device exists, except in CI, where
 * {@code .ci/run} installs PoCL and sets {@code DISSECT_REQUIRE_OPENCL}, so a missing device fails the
 * build instead of silently skipping the only tests that prove the kernels ran on OpenCL.
 */
public final class OpenClAvailability {
    private OpenClAvailability() {
    }

    /** @return whether OpenCL tests must run (CI) */
    public static boolean required() {
        return System.getenv("DISSECT_REQUIRE_OPENCL") != null;
    }

    /** Skips the calling test without a device, or fails it when OpenCL is {@link #required()}. */
    public static void assumeDevice() {
        if (OpenClRuntime.device().isEmpty()) {
            if (required()) {
                fail("DISSECT_REQUIRE_OPENCL is set but no OpenCL device was found");
            }
            assumeTrue(false, "no OpenCL device (install pocl-opencl-icd to run the OpenCL tests)");
        }
    }
}
