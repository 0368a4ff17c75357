package org.dissect.reproduce;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.dissect.engine.Engine;
import org.dissect.report.OutputFolder;

/**
 * How a reproduction runs.
 *
 * @param out the results folder (each stage writes into a sub-folder named after it)
 * @param quick a smaller version of every figure (same code path, fewer steps and sweep points)
 * @param seed the seed of every random stream
 * @param engine the engine choice for the heavy computations (auto, java, blas or opencl; see {@code Engines})
 * @param log where progress lines go (stderr)
 */
public record Context(Path out, boolean quick, long seed, Engine engine, PrintWriter log) {
    /**
     * @param stage the stage's name
     * @return its output folder, created
     * @throws IOException if it cannot be created
     */
    public OutputFolder folder(String stage) throws IOException {
        return OutputFolder.create(out.resolve(stage));
    }

    /** @return the threads of the Java and OpenBLAS engines: every available processor */
    public int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Prints one progress line.
     *
     * @param stage the stage's name
     * @param message what is happening
     */
    public void progress(String stage, String message) {
        log.println("[" + stage + "] " + message);
        log.flush();
    }
}
