package org.dissect.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dissect.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dissect notebook kernel install --kernel-jar JAR [--dir DIR] [--java JAVA] [--classpath PATH]}: writes a
 * Jupyter kernelspec ({@code DIR/kernel.json}) that starts rapaio-jupyter-kernel with the toolkit on its class path.
 *
 * <p>The kernelspec runs {@code JAVA -jar JAR {connection_file}} with the environment variable
 * {@code RJK_CLASSPATH} (rapaio-jupyter-kernel's class path for the cells) set to the toolkit's jar, so notebook
 * cells import {@code org.dissect.*} and {@link Display} reaches the kernel's display function. Jupyter finds the
 * kernel by the folder's name (the default folder, {@code ~/.local/share/jupyter/kernels/dissect-java}, is the
 * user's kernel directory); elsewhere, put the folder's parent's parent on {@code JUPYTER_PATH}. Tested with
 * rapaio-jupyter-kernel 3.0.1. Prints the kernelspec's path on stdout.
 */
@Command(name = "install", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Write a Jupyter kernelspec that runs rapaio-jupyter-kernel (tested: 3.0.1) with this toolkit's jar on "
        + "its class path (RJK_CLASSPATH). Prints the kernelspec's path.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the kernelspec was written", "1:it could not be written",
        "2:bad input: no such kernel jar or class path entry"})
final class KernelInstallCommand implements Callable<Integer> {
    /** The kernel's name, as notebooks and {@code jupyter nbconvert --ExecutePreprocessor.kernel_name} refer to it. */
    static final String KERNEL_NAME = "dissect-java";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--kernel-jar", required = true, paramLabel = "JAR",
        description = "the rapaio-jupyter-kernel jar (io.github.padreati:rapaio-jupyter-kernel)")
    Path kernelJar;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.local/share/jupyter/kernels/" + KERNEL_NAME,
        description = "the kernelspec folder to write (its name is the kernel's name)")
    Path dir;

    @Option(names = "--java", paramLabel = "JAVA", defaultValue = "${sys:java.home}/bin/java",
        description = "the java launcher the kernel runs on (17 or later)")
    Path java;

    @Option(names = "--classpath", paramLabel = "PATH",
        description = "the cells' class path (default: the jar this command runs from)")
    String classpath;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(kernelJar)) {
            throw new BadInputException("--kernel-jar: no such file " + kernelJar);
        }
        String cells = classpath != null ? classpath : ownJar();
        for (String entry : cells.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new BadInputException("--classpath: no such file or folder " + entry);
            }
        }
        Path file = kernelSpec(dir, java, kernelJar, cells);
        PrintWriter out = spec.commandLine().getOut();
        out.println(file);
        out.flush();
        return 0;
    }

    /**
     * Writes {@code dir/kernel.json}.
     *
     * @param dir the kernelspec folder (created if needed)
     * @param java the java launcher
     * @param kernelJar the rapaio-jupyter-kernel jar
     * @param classpath the cells' class path
     * @return the kernelspec file
     * @throws IOException if it cannot be written
     */
    static Path kernelSpec(Path dir, Path java, Path kernelJar, String classpath) throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", List.of(java.toAbsolutePath().toString(), "-jar", kernelJar.toAbsolutePath().toString(),
            "{connection_file}"));
        spec.put("display_name", "Java (dissect, rapaio-jupyter-kernel)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of("RJK_CLASSPATH", classpath));
        Files.createDirectories(dir);
        Path file = dir.resolve("kernel.json");
        JSON.writeValue(file.toFile(), spec);
        return file;
    }

    /** The jar (or class folder) this class was loaded from, as an absolute path. */
    private static String ownJar() {
        try {
            return Path.of(KernelInstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the toolkit's jar", e);
        }
    }
}
