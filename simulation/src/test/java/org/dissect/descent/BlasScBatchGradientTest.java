package org.dissect.descent;

import org.dissect.engine.Engine;

/**
 * The OpenBLAS engine on two threads against the shared suite. Never skipped: the natives come from Maven, so
 * an engine that does not load fails here, in CI as anywhere.
 */
class BlasScBatchGradientTest extends ScBatchGradientContract {
    @Override
    protected ScBatchGradient open() {
        return new BlasScBatchGradient(2);
    }

    @Override
    protected Engine expectedKind() {
        return Engine.BLAS;
    }
}
