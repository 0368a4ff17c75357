package org.dissect.notebook;

import java.nio.file.Path;

/**
 * Where the executing notebook lives, so that notebook code can find files next to it whatever the
 * working directory: {@code NotebookContext.resolve("data/embedding.csv")}.
 *
 * <p>Jupyter starts a kernel in the notebook's directory, but {@code dissect notebook run} executes
 * cells in its own JVM, whose working directory is wherever the command was started (the repository
 * root for {@code ./dissect}, the module directory under Maven). The runner records each notebook's
 * directory here while it runs; outside the runner (in a Jupyter kernel, in JShell) the working
 * directory stands in for it.
 */
public final class NotebookContext {
    private static volatile Path directory;

    private NotebookContext() {
    }

    /**
     * @return the absolute directory of the notebook being executed by the runner, else the working
     *         directory
     */
    public static Path directory() {
        Path d = directory;
        return d != null ? d : Path.of("").toAbsolutePath();
    }

    /**
     * Resolves a path against {@link #directory()}; an absolute path is returned unchanged.
     *
     * @param path a path relative to the notebook's directory, or absolute
     * @return the resolved, normalised path
     */
    public static Path resolve(String path) {
        return directory().resolve(path).normalize();
    }

    /**
     * Records the directory of the notebook about to run (the runner's side of this class).
     *
     * @param d the absolute directory, or null when no notebook runs
     */
    static void directory(Path d) {
        directory = d;
    }
}
