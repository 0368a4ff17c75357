package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link CrossEntropyObjective}'s check of the fixed weights' length names the expected K·h. */
class CrossEntropyObjectiveTest {
    @Test
    void wrongFixedWeightsNameTheirExpectedLength() {
        int[] labels = {0, 1, 2, 0, 1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new CrossEntropyObjective(3, 4, labels, 1.0, 0.1, new double[5], new JavaCeGradient()));
        assertEquals("fixed weights need K*h = 12 entries, got 5", e.getMessage());
    }
}
