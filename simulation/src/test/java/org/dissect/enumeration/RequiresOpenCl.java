package org.dissect.enumeration;

import net.jqwik.api.lifecycle.LifecycleContext;
import org.dissect.opencl.OpenClAvailability;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * A jqwik hook that skips (rather than fails) a container where no OpenCL device exists. jqwik reports an
 * assumption that fails in {@code @BeforeContainer} as an error, so the skip goes through this hook. In CI
 * ({@code DISSECT_REQUIRE_OPENCL} set, see {@code OpenClAvailability}) nothing is skipped: without a device
 * the tests run and fail, so the OpenCL path can never pass unverified.
 */
public final class RequiresOpenCl implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return OpenClEnumeration.device().isPresent() || OpenClAvailability.required() ? SkipResult.doNotSkip()
            : SkipResult.skip("no OpenCL device (install pocl-opencl-icd to run the OpenCL engine's tests)");
    }
}
