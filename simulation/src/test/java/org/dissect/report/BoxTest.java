package org.dissect.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link Box}: quartiles against values NumPy's {@code np.percentile} (definition 7) gives, and Tukey's fences. */
class BoxTest {
    @Test
    void quartilesAreDefinition7() {
        // np.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
        Box b = Box.of(new double[] {4, 1, 3, 2});
        assertEquals(1.75, b.q1(), 1e-15);
        assertEquals(2.5, b.median(), 1e-15);
        assertEquals(3.25, b.q3(), 1e-15);
        assertEquals(1, b.lowerWhisker());
        assertEquals(4, b.upperWhisker());
        assertEquals(0, b.outliers().length);
        // np.percentile([7], [25, 50, 75]) = [7, 7, 7]
        Box one = Box.of(new double[] {7});
        assertEquals(7, one.q1());
        assertEquals(7, one.q3());
    }

    @Test
    void valuesBeyondOneAndAHalfInterquartileRangesAreOutliers() {
        Box b = Box.of(new double[] {100, 1, 2, 3, 4, -5});
        // np.percentile([-5, 1, 2, 3, 4, 100], [25, 50, 75]) = [1.25, 2.5, 3.75]; fences -2.5 and 7.5
        assertEquals(1.25, b.q1(), 1e-15);
        assertEquals(3.75, b.q3(), 1e-15);
        assertArrayEquals(new double[] {-5, 100}, b.outliers());
        assertEquals(1, b.lowerWhisker());
        assertEquals(4, b.upperWhisker());
    }

    /** Every value is inside the whiskers or an outlier, the whiskers are data values inside the fences. */
    @Property(tries = 200)
    void everyValueIsAccountedFor(@ForAll @Size(min = 1, max = 40) double[] raw,
            @ForAll @DoubleRange(min = -10, max = 10) double shift) {
        double[] v = Arrays.stream(raw).map(x -> Double.isFinite(x) ? Math.max(-1e6, Math.min(1e6, x)) + shift : shift).toArray();
        Box b = Box.of(v);
        double reach = 1.5 * (b.q3() - b.q1());
        long inside = Arrays.stream(v).filter(x -> x >= b.lowerWhisker() && x <= b.upperWhisker()).count();
        assertEquals(v.length, inside + b.outliers().length);
        assertTrue(b.lowerWhisker() >= b.q1() - reach && b.upperWhisker() <= b.q3() + reach);
        // a whisker is a data value, or the box's edge when no value lies between the edge and the fence (matplotlib's rule)
        assertTrue(b.lowerWhisker() == b.q1() || Arrays.stream(v).anyMatch(x -> x == b.lowerWhisker()));
        assertTrue(b.upperWhisker() == b.q3() || Arrays.stream(v).anyMatch(x -> x == b.upperWhisker()));
        assertTrue(b.lowerWhisker() <= b.q1() && b.upperWhisker() >= b.q3());
        assertTrue(b.q1() <= b.median() && b.median() <= b.q3());
    }

    /** [0, 10, 10, 10]: q1 = 7.5 lies between 0 (an outlier) and 10, so the lower whisker stops at the box. */
    @Test
    void aWhiskerWithNoValueBeyondTheBoxIsTheBoxEdge() {
        Box b = Box.of(new double[] {0, 10, 10, 10});
        assertEquals(7.5, b.q1(), 1e-15);
        assertEquals(7.5, b.lowerWhisker(), 1e-15);
        assertArrayEquals(new double[] {0}, b.outliers());
    }

    @Test
    void emptyOrNonFiniteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Box.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Box.of(new double[] {1, Double.NaN}));
    }
}
