package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void minMeanMaxAndCount() {
        Summary s = Summary.of(new double[] {3, -1, 4, 1, 5});
        assertEquals(new Summary(5, -1, 2.4, 5), s);
        assertEquals(6, s.range());
    }

    @Test
    void emptyIsCountZeroAndNaN() {
        Summary s = Summary.of(new double[0]);
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.min()) && Double.isNaN(s.mean()) && Double.isNaN(s.max()));
    }

    @Test
    void nanPropagatesToEveryStatistic() {
        Summary s = Summary.of(new double[] {1, Double.NaN, 2});
        assertEquals(3, s.count());
        assertTrue(Double.isNaN(s.min()) && Double.isNaN(s.mean()) && Double.isNaN(s.max()));
    }

    /** The mean of identical values is that value, not a rounded neighbour outside [min, max]. */
    @Test
    void meanOfEqualValuesStaysInsideTheRange() {
        double v = 0.1;
        double[] values = new double[10];
        java.util.Arrays.fill(values, v);
        Summary s = Summary.of(values);
        assertTrue(s.min() <= s.mean() && s.mean() <= s.max());
        assertEquals(v, s.mean());
    }

    @Test
    void mapHasMinMeanMaxInOrderAndNullForNaN() {
        Map<String, Object> m = new Summary(2, 1, 1.5, 2).toMap();
        assertEquals(List.of("min", "mean", "max"), List.copyOf(m.keySet()));
        assertEquals(1.5, m.get("mean"));
        assertNull(Summary.of(new double[] {Double.NaN}).toMap().get("max"));
    }
}
