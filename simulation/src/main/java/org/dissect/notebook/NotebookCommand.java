package org.dissect.notebook;

import picocli.CommandLine.Command;

/** {@code dissect notebook}: Java notebooks, executed without a Jupyter kernel ({@code run}) or in one ({@code kernel}). */
@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = "Jupyter notebooks in Java (nbformat 4, kernel language java), executed with the JDK's JShell.",
    subcommands = {NotebookRunCommand.class, KernelCommand.class})
public final class NotebookCommand {
}
