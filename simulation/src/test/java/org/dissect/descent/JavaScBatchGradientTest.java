package org.dissect.descent;

import org.dissect.engine.Engine;

/** The Java (EJML) engine, one thread, against the shared suite. */
class JavaScBatchGradientTest extends ScBatchGradientContract {
    @Override
    protected ScBatchGradient open() {
        return new JavaScBatchGradient();
    }

    @Override
    protected Engine expectedKind() {
        return Engine.JAVA;
    }
}
