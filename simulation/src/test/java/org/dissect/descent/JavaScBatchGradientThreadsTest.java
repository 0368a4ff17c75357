package org.dissect.descent;

import org.dissect.engine.Engine;

/** The Java engine on two threads (EJML's concurrent products) against the shared suite. */
class JavaScBatchGradientThreadsTest extends ScBatchGradientContract {
    @Override
    protected ScBatchGradient open() {
        return new JavaScBatchGradient(2);
    }

    @Override
    protected Engine expectedKind() {
        return Engine.JAVA;
    }
}
