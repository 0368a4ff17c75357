package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

class PenalizedBoundTest {

    /** bound() is ce + penalty: one double addition, so bit-for-bit equal to the sum formed here. */
    @Property(tries = 100)
    void boundIsTheCrossEntropyPartPlusThePenaltyPart(@ForAll @DoubleRange(min = 0, max = 10) @Scale(12) double ce,
                                                       @ForAll @DoubleRange(min = 0, max = 10) @Scale(12) double penalty,
                                                       @ForAll @DoubleRange(min = 0, max = 100) @Scale(12) double rW) {
        PenalizedBound p = new PenalizedBound(rW, ce, penalty);
        assertEquals(ce + penalty, p.bound());
        assertEquals(rW, p.rW());
        assertEquals(ce, p.ce());
        assertEquals(penalty, p.penalty());
    }
}
