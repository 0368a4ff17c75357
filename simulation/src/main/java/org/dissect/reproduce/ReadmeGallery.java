package org.dissect.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Publishes a reproduction into the README: copies the gallery thumbnails (one per stage that draws a figure,
 * in the order of {@link Reproduction#all()}) to {@code docs/gallery/} beside
 * the README and replaces the block between {@code <!-- reproduce:begin -->} and {@code <!-- reproduce:end -->}
 * with the report's comparison table and the thumbnails, so the README's numbers are generated, never typed.
 */
public final class ReadmeGallery {
    static final String BEGIN = "<!-- reproduce:begin -->";
    static final String END = "<!-- reproduce:end -->";

    private ReadmeGallery() {
    }

    /**
     * @param readme the README to publish into
     * @return the folder beside it that receives the thumbnails, {@code docs/gallery/}
     */
    public static Path galleryFolder(Path readme) {
        return readme.toAbsolutePath().getParent().resolve("docs").resolve("gallery");
    }

    /**
     * @param results the reproduction's output folder
     * @param readme the README to rewrite
     * @throws IOException if reading or writing fails, or the README lacks the markers
     */
    public static void update(Path results, Path readme) throws IOException {
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(readme + " has no " + BEGIN + " ... " + END + " block");
        }
        Path docs = galleryFolder(readme);
        Files.createDirectories(docs);
        StringBuilder block = new StringBuilder(BEGIN).append("\n");
        for (Stage stage : Reproduction.all()) {
            String name = stage.name();
            Path thumb = results.resolve("gallery").resolve(name + ".png");
            if (Files.exists(thumb)) {
                Files.copy(thumb, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
                block.append("![").append(name).append("](docs/gallery/").append(name).append(".png)\n");
            }
        }
        String report = Files.readString(results.resolve("report.md"));
        int table = report.indexOf("| quantity |");
        int tableEnd = report.indexOf("\n\n", table);
        if (table >= 0) {
            block.append('\n').append(report, table, tableEnd < 0 ? report.length() : tableEnd).append('\n');
        }
        block.append(END);
        Files.writeString(readme, text.substring(0, begin) + block + text.substring(end + END.length()));
    }
}
