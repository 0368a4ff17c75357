package org.dissect.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dissect.descent.ScMode;
import org.junit.jupiter.api.Test;

/** A cell's seeds come from its own parameters and the sweep's seed, and a cell survives serialisation. */
class CellTest {
    private static Cell cell(int dim, int restarts, long seed) {
        return new Cell(Loss.SC, new int[] {3, 3}, dim, 4, 1, 0, ScMode.EXACT, restarts, 2000, 0.1, 1e-13, seed);
    }

    @Test
    void seedsDependOnTheCellsParametersNotOnItsPositionOrR() {
        SweepGrid g = new SweepGrid(Loss.SC, List.of(new int[] {3, 3}, new int[] {2, 2, 2}), new int[] {1, 2, 3}, new int[] {3, 4},
            new double[] {1, 4}, new double[0], List.of(ScMode.EXACT), 3, null, null, 1e-13, 5);
        List<Cell> cells = g.cells();
        SweepGrid other = new SweepGrid(Loss.SC, List.of(new int[] {2, 2, 2}, new int[] {3, 3}), new int[] {3, 2}, new int[] {4, 3},
            new double[] {4, 1}, new double[0], List.of(ScMode.EXACT), 3, null, null, 1e-13, 5);
        for (Cell c : other.cells()) {
            Cell same = cells.stream().filter(x -> x.canonical().equals(c.canonical())).findFirst().orElseThrow();
            for (int r = 0; r < 3; r++) {
                assertEquals(same.restartSeed(r), c.restartSeed(r), "the grid's order does not matter");
            }
        }
        // R extends the starts: the first ones stay
        assertEquals(cell(2, 4, 1).restartSeed(2), cell(2, 16, 1).restartSeed(2));
    }

    @Test
    void differentCellsRestartsAndSweepSeedsGiveDifferentSeeds() {
        Set<Long> seeds = new HashSet<>();
        for (int dim = 1; dim <= 5; dim++) {
            for (long s = 1; s <= 5; s++) {
                for (int r = 0; r < 8; r++) {
                    seeds.add(cell(dim, 8, s).restartSeed(r));
                }
            }
        }
        assertEquals(5 * 5 * 8, seeds.size());
        assertNotEquals(cell(2, 8, 1).restartSeed(0), cell(2, 8, 2).restartSeed(0));
    }

    @Test
    void aCellAndItsResultTravelThroughJavaSerialisation() throws IOException, ClassNotFoundException {
        Cell c = new Cell(Loss.SC, new int[] {2, 2}, 2, 3, 1, 0, ScMode.EXACT, 2, 200, 0.1, 1e-13, 3);
        CellResult r = SweepCell.run(c);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
            out.writeObject(r);
            out.writeObject(SweepCell.FUNCTION);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Cell back = (Cell) in.readObject();
            CellResult result = (CellResult) in.readObject();
            @SuppressWarnings("unchecked")
            org.dissect.parallel.TaskFunction<Cell, CellResult> f = (org.dissect.parallel.TaskFunction<Cell, CellResult>) in.readObject();
            assertEquals(c.canonical(), back.canonical());
            assertEquals(r.bestLoss(), result.bestLoss(), 0.0);
            assertEquals(r.bestLoss(), f.apply(back).bestLoss(), 0.0, "the shipped function computes the same bits");
        }
    }
}
