package org.dissect.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure laid out like a paper's: a title and a grid of XChart panels, each with a caption line under
 * it, written as PNG (rendered at twice the nominal size for print) and as SVG (vector, through
 * VectorGraphics2D, which XChart already depends on). Panels are painted with {@code Chart.paint}, so
 * the PNG and the SVG show the same drawing.
 */
public final class Figure {
    private static final int TITLE_HEIGHT = 34;
    private static final int CAPTION_HEIGHT = 22;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private final String title;
    private final int columns;
    private final int panelWidth;
    private final int panelHeight;
    private final List<Chart<?, ?>> panels;
    private final List<String> captions;

    /**
     * @param title the figure's title
     * @param columns panels per row
     * @param panelWidth width of one panel in points
     * @param panelHeight height of one panel in points
     * @param panels the panels, row by row
     * @param captions one caption per panel (empty string for none)
     */
    public Figure(String title, int columns, int panelWidth, int panelHeight, List<? extends Chart<?, ?>> panels,
                  List<String> captions) {
        if (panels.isEmpty() || captions.size() != panels.size() || columns < 1) {
            throw new IllegalArgumentException("need at least one panel, one caption per panel and columns >= 1");
        }
        this.title = title;
        this.columns = columns;
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
        this.panels = List.copyOf(panels);
        this.captions = List.copyOf(captions);
    }

    /** @return the figure's width in points */
    public int width() {
        return columns * panelWidth;
    }

    /** @return the figure's height in points */
    public int height() {
        int rows = (panels.size() + columns - 1) / columns;
        return TITLE_HEIGHT + rows * (panelHeight + CAPTION_HEIGHT);
    }

    /**
     * Writes the figure in the format its file name ends with: {@code .png} (at twice the nominal size,
     * {@link #writePng}) or {@code .svg} ({@link #writeSvg}), case-insensitive.
     *
     * @param file the file
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if the name ends neither in {@code .png} nor in {@code .svg}
     *     ({@link #hasFormat} tells in advance)
     */
    public void write(Path file) throws IOException {
        if (!hasFormat(file)) {
            throw new IllegalArgumentException(file + ": a figure is written as .png or .svg");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            writePng(file, 2);
        } else {
            writeSvg(file);
        }
    }

    /**
     * @param file a path
     * @return whether {@link #write} knows its format: the name ends in {@code .png} or {@code .svg}
     */
    public static boolean hasFormat(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".svg");
    }

    /**
     * Writes the figure as PNG at the given scale.
     *
     * @param file the PNG file
     * @param scale pixels per point (2 for print quality, below 1 for thumbnails)
     * @throws IOException if writing fails
     */
    public void writePng(Path file, double scale) throws IOException {
        BufferedImage image = new BufferedImage((int) Math.round(width() * scale), (int) Math.round(height() * scale),
            BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(scale, scale);
            paint(g);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * Writes the figure as SVG.
     *
     * @param file the SVG file
     * @throws IOException if writing fails
     */
    public void writeSvg(Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
        try (OutputStream out = Files.newOutputStream(file)) {
            doc.writeTo(out);
        }
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        centred(g, title, width() / 2, 23);
        AffineTransform base = g.getTransform();
        for (int i = 0; i < panels.size(); i++) {
            int x = (i % columns) * panelWidth;
            int y = TITLE_HEIGHT + (i / columns) * (panelHeight + CAPTION_HEIGHT);
            g.translate(x, y);
            panels.get(i).paint(g, panelWidth, panelHeight);
            g.setTransform(base);
            g.setColor(Color.BLACK);
            fitted(g, captions.get(i), panelWidth - 8);
            centred(g, captions.get(i), x + panelWidth / 2, y + panelHeight + 15);
        }
    }

    /** Sets the caption font, shrunk (down to 8 pt) until the caption fits the panel's width. */
    private static void fitted(Graphics2D g, String text, int width) {
        Font font = CAPTION_FONT;
        g.setFont(font);
        while (g.getFontMetrics().stringWidth(text) > width && font.getSize2D() > 8) {
            font = font.deriveFont(font.getSize2D() - 0.5f);
            g.setFont(font);
        }
    }

    private static void centred(Graphics2D g, String text, int x, int baseline) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x - m.stringWidth(text) / 2, baseline);
    }
}
