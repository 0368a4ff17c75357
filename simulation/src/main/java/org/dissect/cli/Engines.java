package org.dissect.cli;

import org.dissect.descent.JavaScBatchGradient;
import org.dissect.descent.ScBatchGradient;
import org.dissect.enumeration.Engine;

/** Chooses the single-batch gradient engine of the descent from the command line's engine choice. */
final class Engines {
    private Engines() {
    }

    static ScBatchGradient batchGradient(Engine choice) {
        return new JavaScBatchGradient();
    }
}
