package org.dissect.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dissect.descent.ScMode;
import org.dissect.io.BadInputException;
import org.dissect.sweep.Grid;
import org.dissect.sweep.Loss;
import org.dissect.sweep.SweepGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect sweep sc}: SC descents over a grid, judged against Theorem 2. */
@Command(name = "sc", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"SC descents on the sphere over a grid of K, n (or class sizes), h, b, rho and the mode; every numeric option "
        + "is a list 2,3,5 or a range 2:5.",
        "Bound: Theorem 2's mean bound (exact, sampled) or the full batch's simplex level (full), for balanced classes."})
final class SweepScCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SweepOptions grid;

    @Option(names = "--batch", paramLabel = "b", description = "grid of batch sizes b >= 2 (exact and sampled modes)")
    String batch;

    @Option(names = "--mode", defaultValue = "exact", paramLabel = "M", description = "one or more of exact, sampled, full (comma-separated)")
    String mode;

    @Override
    public Integer call() throws IOException {
        grid.checkScalars();
        List<ScMode> modes = new ArrayList<>();
        for (String m : mode.split(",", -1)) {
            ScMode parsed = Options.mode(m.trim());
            if (!modes.contains(parsed)) {
                modes.add(parsed);
            }
        }
        boolean batched = modes.stream().anyMatch(m -> m != ScMode.FULL);
        if (batched && batch == null) {
            throw new BadInputException("--batch is required in exact and sampled modes");
        }
        int[] batches = batch == null ? new int[0] : Grid.integers("--batch", batch, 2);
        SweepGrid g = new SweepGrid(Loss.SC, grid.classSizes(), Grid.integers("--dim", grid.dim, 1), batches, grid.rho2s(),
            new double[0], modes, grid.restarts, grid.steps, grid.lr, grid.tolerance, grid.seed);
        return SweepRun.run(spec, grid, g, "sweep sc");
    }
}
