package org.dissect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.dissect.theory.RegularSimplex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GammaFigure}: the panels present, the files written in the format of their name, bad encoders refused. */
class GammaFigureTest {
    @TempDir
    Path dir;

    private static final int CLASSES = 4;
    private static final int[] LABELS = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};

    /** Three points per class near the vertices of a simplex in R^5, spread by {@code noise}. */
    private static double[][] features(double noise, long seed) {
        double[][] zeta = RegularSimplex.regularSimplex(CLASSES, 5, 1);
        Random r = new Random(seed);
        double[][] z = new double[LABELS.length][5];
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < 5; k++) {
                z[i][k] = zeta[LABELS[i]][k] + noise * r.nextGaussian();
            }
        }
        return z;
    }

    private static List<GammaFigure.Encoder> threeEncoders() {
        return List.of(new GammaFigure.Encoder("CE", features(0.3, 1), LABELS, CLASSES, java.util.Arrays.copyOf(features(0.2, 4), CLASSES)),
            new GammaFigure.Encoder("CE-fix", features(0.2, 2), LABELS, CLASSES, RegularSimplex.regularSimplex(CLASSES, 5, 1)),
            new GammaFigure.Encoder("SC", features(0.05, 3), LABELS, CLASSES, null));
    }

    /** The weights panel appears when some encoder has weights: three panels, else two. */
    @Test
    void aPanelPerStatistic() {
        assertEquals(3 * 360, GammaFigure.of("t", threeEncoders()).width());
        Figure withoutWeights = GammaFigure.of("t", List.of(new GammaFigure.Encoder("SC", features(0.05, 3), LABELS, CLASSES, null)));
        assertEquals(2 * 360, withoutWeights.width());
    }

    /** PNG at twice the nominal size, with the simplex value's red line in it; SVG as vector text. */
    @Test
    void writesPngAndSvgByTheFileName() throws IOException {
        Figure f = GammaFigure.of("Fig. 7 panels", threeEncoders());
        Path png = dir.resolve("fig7.PNG");
        f.write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * f.width(), image.getWidth());
        assertEquals(2 * f.height(), image.getHeight());
        int red = 0;
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                int rgb = image.getRGB(x, y);
                red += ((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60 ? 1 : 0;
            }
        }
        assertTrue(red > 500, "the red reference lines: " + red + " sampled pixels");
        Path svg = dir.resolve("fig7.svg");
        f.write(svg);
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text.substring(0, Math.min(200, text.length())));
        assertThrows(IllegalArgumentException.class, () -> f.write(dir.resolve("fig7.pdf")));
        assertTrue(Figure.hasFormat(Path.of("a.svg")) && Figure.hasFormat(Path.of("b.Png")));
        assertFalse(Figure.hasFormat(Path.of("c.pdf")) || Figure.hasFormat(Path.of("png")));
    }

    /** Undefined values (a zero feature) are left out of the boxes, not drawn as NaN. */
    @Test
    void undefinedValuesAreLeftOut() throws IOException {
        double[][] z = features(0.1, 5);
        z[3] = new double[5];
        GammaFigure.of("t", List.of(new GammaFigure.Encoder("zero", z, LABELS, CLASSES, null))).write(dir.resolve("z.png"));
        assertTrue(Files.size(dir.resolve("z.png")) > 0);
    }

    @Test
    void inconsistentEncodersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> GammaFigure.of("t", List.of()));
        GammaFigure.Encoder sc = new GammaFigure.Encoder("SC", features(0.05, 3), LABELS, CLASSES, null);
        assertThrows(IllegalArgumentException.class, () -> GammaFigure.of("t", List.of(sc, sc)), "two encoders named SC");
        GammaFigure.Encoder threeClasses = new GammaFigure.Encoder("K3", features(0.05, 3), new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, 3, null);
        assertThrows(IllegalArgumentException.class, () -> GammaFigure.of("t", List.of(sc, threeClasses)), "different K");
        assertThrows(IllegalArgumentException.class, () -> new GammaFigure.Encoder(" ", features(0.05, 3), LABELS, CLASSES, null));
        GammaFigure.Encoder badWeights = new GammaFigure.Encoder("W", features(0.05, 3), LABELS, CLASSES, new double[][] {{1, 0}});
        assertThrows(IllegalArgumentException.class, () -> GammaFigure.of("t", List.of(badWeights)));
    }
}
