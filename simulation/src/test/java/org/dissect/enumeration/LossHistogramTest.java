package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossHistogramTest {
    private static LossHistogram.Group group(long batches, double min, double mean, double max, int... counts) {
        return new LossHistogram.Group(counts, batches, min, mean, max);
    }

    @Test
    void groupsAreSortedByDecreasingCountsWhateverTheInputOrder() {
        List<LossHistogram.Group> groups = new ArrayList<>(List.of(group(3, 1, 2, 3, 1, 1, 1), group(1, 0, 0, 0, 3, 0, 0),
            group(6, 1, 1, 1, 2, 1, 0)));
        LossHistogram h = new LossHistogram(groups);
        assertArrayEquals(new int[] {3, 0, 0}, h.groups().get(0).counts());
        assertArrayEquals(new int[] {2, 1, 0}, h.groups().get(1).counts());
        assertArrayEquals(new int[] {1, 1, 1}, h.groups().get(2).counts());
        assertEquals(10, h.batches());
        groups.clear();
        assertEquals(3, h.groups().size(), "the input list is copied");
        assertThrows(UnsupportedOperationException.class, () -> h.groups().clear());
    }

    @Test
    void labelsAreThePapersNotation() {
        LossHistogram.Group g = group(12, 1.5, 2.5, 3.5, 7, 2, 0);
        assertEquals("(7,2,0)", g.label());
        assertEquals("(7,2,0) batches=12 min=1.5 mean=2.5 max=3.5", g.toString());
    }

    @Test
    void groupsAreValuesWithPrivateCounts() {
        int[] counts = {2, 1};
        LossHistogram.Group g = new LossHistogram.Group(counts, 4, 1, 2, 3);
        counts[0] = 9;
        assertArrayEquals(new int[] {2, 1}, g.counts(), "copied on the way in");
        g.counts()[0] = 9;
        assertArrayEquals(new int[] {2, 1}, g.counts(), "copied on the way out");
        LossHistogram.Group same = group(4, 1, 2, 3, 2, 1);
        assertEquals(g, same);
        assertEquals(g.hashCode(), same.hashCode());
        assertNotEquals(g, group(4, 1, 2, 3, 1, 2));
        assertNotEquals(g, group(5, 1, 2, 3, 2, 1));
        assertNotEquals(g, group(4, 0, 2, 3, 2, 1));
        assertNotEquals(g, group(4, 1, 2.5, 3, 2, 1));
        assertNotEquals(g, group(4, 1, 2, 4, 2, 1));
        assertNotEquals(g, "(2,1)");
        assertNotEquals(g.hashCode(), group(5, 1, 2, 3, 2, 1).hashCode());
        assertNotEquals(g.hashCode(), group(4, 1, 2, 3, 1, 2).hashCode());
        assertEquals(new LossHistogram(List.of(g)), new LossHistogram(List.of(same)));
    }

    @Test
    void unsupportedHistogramsAreRefusedUpFront() {
        LossHistogram.requireSupported(3, 9);
        assertThrows(IllegalArgumentException.class, () -> LossHistogram.requireSupported(200, 200));
    }
}
