package org.dissect.cli;

import picocli.CommandLine.Command;

/** {@code dissect simulate}: gradient descent over free configurations (an ideal encoder). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Gradient descent over free point configurations that confirms the collapse to a regular simplex: "
        + "SC on the sphere (sc) and CE + L2 penalty in the ball (ce).",
    subcommands = {SimulateScCommand.class, SimulateCeCommand.class})
final class SimulateCommand {
}
