package org.dissect.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dissect.descent.ScMode;
import org.dissect.io.BadInputException;
import org.junit.jupiter.api.Test;

class SweepGridTest {
    @Test
    void theCellsAreTheCartesianProductAndFullModeIgnoresTheBatch() {
        List<int[]> sizes = SweepGrid.classSizes(new int[] {2, 3}, new int[] {1, 2}, new double[] {1});
        SweepGrid g = new SweepGrid(Loss.SC, sizes, new int[] {1, 2, 3}, new int[] {3, 4, 5}, new double[] {1, 10}, new double[0],
            List.of(ScMode.EXACT, ScMode.FULL), 4, null, null, 1e-13, 7);
        List<Cell> cells = g.cells();
        // 4 size vectors x 3 dims x (3 batches + 1 full cell) x 2 radii
        assertEquals(4 * 3 * 4 * 2, cells.size());
        assertEquals(cells.size(), g.count());
        for (Cell c : cells) {
            assertEquals(c.mode() == ScMode.FULL ? c.size() : c.batch(), c.effectiveBatch());
            assertEquals(c.mode() == ScMode.FULL ? 5000 : 2000, c.steps());
        }
        assertEquals(cells.size(), cells.stream().map(Cell::canonical).distinct().count(), "every cell differs");
    }

    @Test
    void ceCellsSpanLambdaNotBatchOrMode() {
        SweepGrid g = new SweepGrid(Loss.CE, List.of(new int[] {2, 2}, new int[] {3, 1}), new int[] {2}, new int[] {3, 4},
            new double[] {1}, new double[] {0.1, 0.01, 0.001}, List.of(ScMode.EXACT), 2, null, null, 1e-13, 1);
        assertEquals(2 * 3, g.cells().size());
        assertEquals(null, g.cells().get(0).mode());
    }

    @Test
    void theImbalanceRatioIsGeometricFromTheLargestClass() {
        assertArrayEquals(new int[] {8, 4, 2}, SweepGrid.classSizes(new int[] {3}, new int[] {8}, new double[] {4}).get(0));
        assertArrayEquals(new int[] {8, 8, 8}, SweepGrid.classSizes(new int[] {3}, new int[] {8}, new double[] {1}).get(0));
        assertArrayEquals(new int[] {16, 8, 4, 2}, SweepGrid.classSizes(new int[] {4}, new int[] {16}, new double[] {8}).get(0));
        // 10 * 1000^(-1/3) = 1: the smallest classes keep one point
        assertArrayEquals(new int[] {10, 1, 1, 1}, SweepGrid.classSizes(new int[] {4}, new int[] {10}, new double[] {10_000}).get(0));
        assertThrows(BadInputException.class, () -> SweepGrid.classSizes(new int[] {3}, new int[] {8}, new double[] {0.5}));
    }

    @Test
    void aGridWithoutCellsIsRefused() {
        SweepGrid empty = new SweepGrid(Loss.SC, List.of(), new int[] {2}, new int[] {3}, new double[] {1}, new double[0],
            List.of(ScMode.EXACT), 1, null, null, 1e-13, 1);
        assertEquals("the grid holds no cell", assertThrows(BadInputException.class, empty::cells).getMessage());
    }
}
