package org.dissect.descent;

import org.dissect.engine.Engine;

/** The OpenBLAS engine on two threads against the shared suite; never skipped (the natives come from Maven). */
class BlasCeGradientTest extends CeGradientContract {
    @Override
    protected CeGradient open() {
        return new BlasCeGradient(2);
    }

    @Override
    protected Engine expectedKind() {
        return Engine.BLAS;
    }
}
