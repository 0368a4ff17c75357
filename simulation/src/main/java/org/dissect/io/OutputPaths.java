package org.dissect.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks output paths before any work starts, so that a run never computes for minutes and then fails
 * to write. A check writes nothing that stays: writability is probed by creating and deleting a temporary
 * file in the folder that will receive the output (the only test that tells the truth for root, for
 * read-only mounts and for {@code /proc}).
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * An output file: if it exists it must be a regular file; its folder must exist and be writable.
     *
     * @param option the option that names it, e.g. {@code --histogram}
     * @param file the path
     * @throws BadInputException naming the option and the path
     */
    public static void checkFile(String option, Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (Files.isDirectory(f)) {
            throw new BadInputException(option + " " + file + ": is a directory");
        }
        if (Files.exists(f) && !Files.isRegularFile(f)) {
            throw new BadInputException(option + " " + file + ": is not a regular file");
        }
        Path parent = f.getParent();
        if (parent == null || !Files.exists(parent)) {
            throw new BadInputException(option + " " + file + ": the folder " + parent + " does not exist");
        }
        if (!Files.isDirectory(parent)) {
            throw new BadInputException(option + " " + file + ": " + parent + " is not a directory");
        }
        if (Files.exists(f) && !Files.isWritable(f)) {
            throw new BadInputException(option + " " + file + ": the file is not writable");
        }
        probe(option, file, parent);
    }

    /**
     * An output folder: if it exists it must be a directory, else it will be created, so its nearest
     * existing ancestor must be a directory; the folder that will receive files must be writable.
     *
     * @param option the option that names it, e.g. {@code --out}
     * @param dir the folder
     * @throws BadInputException naming the option and the path
     */
    public static void checkDirectory(String option, Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        Path existing = d;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new BadInputException(option + " " + dir + ": no part of the path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new BadInputException(option + " " + dir + ": " + (existing.equals(d) ? "is a file, not a directory"
                : existing + " is a file, not a directory"));
        }
        probe(option, dir, existing);
    }

    private static void probe(String option, Path given, Path folder) {
        try {
            Path p = Files.createTempFile(folder, ".dissect-probe-", ".tmp");
            Files.delete(p);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new BadInputException(option + " " + given + ": cannot create files in " + folder + " ("
                + e.getClass().getSimpleName() + ")");
        }
    }
}
