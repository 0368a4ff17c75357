package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The descents over explicit class sizes: contiguous labels, and the balanced constructor as the special case. */
class ClassSizesTest {
    @Test
    void labelsAreContiguousClassByClass() {
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 2}, ScSimulation.labels(new int[] {3, 1, 2}));
        assertArrayEquals(ScSimulation.labels(new int[] {2, 2, 2}), ScSimulation.balancedLabels(3, 2));
        assertTrue(ScSimulation.balanced(new int[] {4, 4, 4}));
        assertFalse(ScSimulation.balanced(new int[] {4, 4, 3}));
    }

    @Test
    void theBalancedConstructorIsTheCaseOfEqualSizes() {
        ScSimulation.Settings a = new ScSimulation.Settings(3, 2, 2, 3, 1.0, ScMode.FULL, 300, 0.1, 1e-13, 5);
        ScSimulation.Settings b = new ScSimulation.Settings(new int[] {2, 2, 2}, 2, 3, 1.0, ScMode.FULL, 300, 0.1, 1e-13, 5);
        ScSimulation.Result ra = ScSimulation.run(a, ScSimulation.initialPoints(a), new JavaScBatchGradient(), null, StepListener.NONE);
        ScSimulation.Result rb = ScSimulation.run(b, ScSimulation.initialPoints(b), new JavaScBatchGradient(), null, StepListener.NONE);
        assertArrayEquals(ra.points(), rb.points());
        assertEquals(3, b.classes());
        assertEquals(6, b.size());
    }

    @Test
    void imbalancedRunsCarryTheirLabelsAndSizesAreChecked() {
        ScSimulation.Settings s = new ScSimulation.Settings(new int[] {4, 1}, 2, 3, 1.0, ScMode.FULL, 100, 0.1, 1e-13, 5);
        ScSimulation.Result r = ScSimulation.run(s, ScSimulation.initialPoints(s), new JavaScBatchGradient(), null, StepListener.NONE);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, r.labels());
        CeSimulation.Settings ce = new CeSimulation.Settings(new int[] {3, 1, 1}, 2, 1.0, 0.1, false, 100, 0.1, 1e-13, 5);
        assertArrayEquals(new int[] {0, 0, 0, 1, 2}, CeSimulation.run(ce, new JavaCeGradient(), StepListener.NONE).labels());
        int[] sizes = {2, 2};
        ScSimulation.Settings copy = new ScSimulation.Settings(sizes, 2, 3, 1.0, ScMode.FULL, 1, 0.1, 0, 1);
        sizes[0] = 7;
        assertEquals(4, copy.size(), "the sizes are copied");
        assertThrows(IllegalArgumentException.class, () -> new ScSimulation.Settings(new int[] {3}, 2, 3, 1.0, ScMode.FULL, 1, 0.1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScSimulation.Settings(new int[] {3, 0}, 2, 3, 1.0, ScMode.FULL, 1, 0.1, 0, 1));
        assertThrows(IllegalArgumentException.class,
            () -> new CeSimulation.Settings(new int[] {Integer.MAX_VALUE, 1}, 1, 1.0, 0.1, false, 1, 0.1, 0, 1));
    }
}
