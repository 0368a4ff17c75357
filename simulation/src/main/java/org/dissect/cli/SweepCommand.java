package org.dissect.cli;

import picocli.CommandLine.Command;

/** {@code dissect sweep}: the theorems checked over whole grids of settings, on local threads or Apache Spark. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Run R seeded descents in every cell of a parameter grid and say where the bound is reached (confirmed), "
        + "missed (stuck), undercut (belowBound: a bug or a counterexample) or not covered by the hypotheses (outside).",
    subcommands = {SweepScCommand.class, SweepCeCommand.class})
final class SweepCommand {
}
