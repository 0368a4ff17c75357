package org.dissect.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Shows a figure in the output of the notebook cell that calls it: the public API for notebook code.
 *
 * <pre>
 *   XYChart chart = new XYChartBuilder().width(640).height(420).build();
 *   ...
 *   Display.png(chart);      // one image/png output in this cell
 * </pre>
 *
 * <p>Under {@code dissect notebook run} ({@link NotebookRunner}) the image is encoded as PNG and recorded
 * for the cell that is executing; the runner turns each recorded image into a Jupyter
 * {@code display_data} output with {@code image/png} (base64) and a {@code text/plain} placeholder, in the
 * order the cell produced its outputs. The runner executes cells in this JVM and this class's state is
 * the link: it holds the current cell's sink, installed by the runner around each cell.
 *
 * <p>Elsewhere (no runner installed a sink) the image is handed to a Jupyter Java kernel's own display
 * function when one is on the class path, first found first used: the rapaio-jupyter-kernel's
 * {@code org.rapaio.jupyter.kernel.global.Global.display(Object)} (tested in CI: {@code .ci/run} executes every
 * notebook with rapaio-jupyter-kernel 3.0.1 and {@code jupyter nbconvert}, and requires each figure as
 * {@code image/png}), IJava's {@code io.github.spencerpark.ijava.runtime.Display.display(Object)} and JJava's
 * {@code org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.display(Object)} (those two untested). Each
 * receives the image as given. With none, the call encodes the image and does
 * nothing else, so notebook code also runs in plain JShell.
 */
public final class Display {
    /** Receives the PNG images of the cell being executed. */
    interface Sink {
        /**
         * @param png the PNG file's bytes
         * @param width image width in pixels
         * @param height image height in pixels
         */
        void png(byte[] png, int width, int height);
    }

    /** The kernels' display functions, {@code {class, static method taking an Object}}, in the order tried. */
    private static final String[][] KERNEL_DISPLAYS = {
        {"org.rapaio.jupyter.kernel.global.Global", "display"},
        {"io.github.spencerpark.ijava.runtime.Display", "display"},
        {"org.dflib.jjava.jupyter.kernel.BaseNotebookStatics", "display"},
    };

    private static volatile Sink sink;

    private Display() {
    }

    /**
     * Renders an XChart chart (any kind: {@code XYChart}, {@code CategoryChart}, ...) at its own width
     * and height and shows it as a PNG.
     *
     * @param chart the chart (not modified)
     * @throws NullPointerException if {@code chart} is null
     */
    public static void png(Chart<?, ?> chart) {
        Objects.requireNonNull(chart, "chart");
        image(BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * Shows an image as a PNG.
     *
     * @param image the image (not modified)
     * @throws NullPointerException if {@code image} is null
     */
    public static void image(RenderedImage image) {
        Objects.requireNonNull(image, "image");
        byte[] png = encode(image);
        Sink s = sink;
        if (s != null) {
            s.png(png, image.getWidth(), image.getHeight());
        } else {
            toKernel(image);
        }
    }

    /**
     * Encodes an image as PNG with {@link ImageIO}.
     *
     * @param image the image (not modified)
     * @return the PNG file's bytes
     */
    static byte[] encode(RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer for images of type " + image.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Installs the sink of the cell about to run (the runner's side of this class).
     *
     * @param s the sink, or null to remove it
     */
    static void sink(Sink s) {
        sink = s;
    }

    private static void toKernel(RenderedImage image) {
        for (String[] candidate : KERNEL_DISPLAYS) {
            try {
                Class<?> c = Class.forName(candidate[0], true, kernelLoader());
                Method m = c.getMethod(candidate[1], Object.class);
                m.invoke(null, image);
                return;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // Not this kernel (or no kernel running): try the next one; with none, show nothing.
            }
        }
    }

    private static ClassLoader kernelLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Display.class.getClassLoader();
    }
}
