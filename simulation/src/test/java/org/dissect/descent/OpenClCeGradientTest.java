package org.dissect.descent;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.dissect.engine.Engine;
import org.dissect.enumeration.RequiresOpenCl;

/** The OpenCL kernel against the shared suite (which checks it reports opencl without a fallback); skipped without a device, except in CI. */
@AddLifecycleHook(RequiresOpenCl.class)
class OpenClCeGradientTest extends CeGradientContract {
    @Override
    protected CeGradient open() {
        return new OpenClCeGradient(1);
    }

    @Override
    protected Engine expectedKind() {
        return Engine.OPENCL;
    }
}
