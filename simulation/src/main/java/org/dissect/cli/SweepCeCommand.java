package org.dissect.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.dissect.sweep.Grid;
import org.dissect.sweep.Loss;
import org.dissect.sweep.SweepGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect sweep ce}: CE + λ‖W‖² descents over a grid, judged against Corollary 2. */
@Command(name = "ce", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"CE + lambda ||W||_F^2 descents over W and points in the ball of radius rho, over a grid of K, n (or class "
        + "sizes), h, rho and lambda; every numeric option is a list 2,3,5 or a range 2:5.",
        "Bound: Corollary 2, for balanced classes (imbalanced cells show what minority classes do)."})
final class SweepCeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SweepOptions grid;

    @Option(names = "--lambda", required = true, paramLabel = "L", description = "grid of L2 penalties lambda > 0")
    String lambda;

    @Override
    public Integer call() throws IOException {
        grid.checkScalars();
        SweepGrid g = new SweepGrid(Loss.CE, grid.classSizes(), Grid.integers("--dim", grid.dim, 1), new int[0], grid.rho2s(),
            Grid.positives("--lambda", lambda), List.of(), grid.restarts, grid.steps, grid.lr, grid.tolerance, grid.seed);
        return SweepRun.run(spec, grid, g, "sweep ce");
    }
}
