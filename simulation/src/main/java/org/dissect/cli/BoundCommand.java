package org.dissect.cli;

import picocli.CommandLine.Command;

/** {@code dissect bound}: the closed-form bounds of the paper. */
@Command(name = "bound", mixinStandardHelpOptions = true,
    description = "Closed-form lower bounds: Theorem 2 (sc), Theorem 1 / Corollaries 1-2 (ce), and the SupCon training floor (supcon).",
    subcommands = {BoundScCommand.class, BoundCeCommand.class, BoundSupConCommand.class})
final class BoundCommand {
}
