package org.dissect.descent;

import org.dissect.engine.Engine;

/** The Java (EJML) engine, one thread, against the shared suite. */
class JavaCeGradientTest extends CeGradientContract {
    @Override
    protected CeGradient open() {
        return new JavaCeGradient();
    }

    @Override
    protected Engine expectedKind() {
        return Engine.JAVA;
    }
}
