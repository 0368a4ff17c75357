package org.dissect.cli;

import java.io.PrintWriter;
import org.dissect.io.BadInputException;
import org.dissect.notebook.NotebookCommand;
import org.dissect.report.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code dissect} command line. Exit codes: 0 success, 1 an internal error, 2 bad input
 * (a malformed option, an argument outside a theorem's domain, a malformed file), always with one
 * line on stderr and never a stack trace (set {@code DISSECT_DEBUG=1} to see one for internal errors).
 * Only this package prints; the libraries never do.
 */
@Command(name = "dissect", mixinStandardHelpOptions = true, versionProvider = Dissect.VersionProvider.class,
    description = "Numerically verify the theorems of 'Dissecting Supervised Contrastive Learning' (Graf et al., ICML 2021).",
    subcommands = {BoundCommand.class, EnumerateCommand.class, SimulateCommand.class, SweepCommand.class, GeometryCommand.class,
        TrainCommand.class, ReproduceCommand.class, NotebookCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error", "2:bad input (one line on stderr)"})
public final class Dissect {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    private Dissect() {
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // The commands estimate their memory before allocating; this is the net under an estimate that missed.
            System.err.println("dissect: out of memory (" + e.getMessage() + "): raise the heap with DISSECT_JAVA_OPTS=-Xmx...");
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Builds the configured command line (also used by the tests).
     *
     * @return the command line with one-line error reporting installed
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Dissect());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(qualifiedName(ex.getCommandLine()) + ": " + ex.getMessage()
                + " (see '" + qualifiedName(ex.getCommandLine()) + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof IllegalArgumentException || ex instanceof BadInputException) {
                err.println(qualifiedName(commandLine) + ": " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            err.println(qualifiedName(commandLine) + ": internal error: " + ex);
            if (System.getenv("DISSECT_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl;
    }

    /** {@code dissect --version}: the version Maven filtered from the pom. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dissect " + Version.value()};
        }
    }

    private static String qualifiedName(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName(" ");
    }
}
