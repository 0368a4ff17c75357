package org.dissect.notebook;

import picocli.CommandLine.Command;

/** {@code dissect notebook kernel}: the toolkit in a real Jupyter Java kernel. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "Jupyter kernels with the toolkit on their class path (rapaio-jupyter-kernel).",
    subcommands = {KernelInstallCommand.class})
final class KernelCommand {
}
