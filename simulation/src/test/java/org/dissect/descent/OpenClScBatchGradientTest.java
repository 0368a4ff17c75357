package org.dissect.descent;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.dissect.engine.Engine;
import org.dissect.enumeration.RequiresOpenCl;

/**
 * The OpenCL kernel against the shared suite; the suite's report check ({@code opencl}, no fallback) proves it
 * really ran on the device. Skipped where no OpenCL device exists, except in CI ({@code DISSECT_REQUIRE_OPENCL}).
 */
@AddLifecycleHook(RequiresOpenCl.class)
class OpenClScBatchGradientTest extends ScBatchGradientContract {
    @Override
    protected ScBatchGradient open() {
        return new OpenClScBatchGradient(1);
    }

    @Override
    protected Engine expectedKind() {
        return Engine.OPENCL;
    }
}
