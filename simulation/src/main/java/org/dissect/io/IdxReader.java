package org.dissect.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE of handwritten digits",
 * section "FILE FORMATS FOR THE MNIST DATABASE"), plain or gzip-compressed (recognised by the gzip magic bytes
 * {@code 1f 8b}, whatever the file name).
 *
 * <p>Format: two zero bytes, a type byte ({@code 0x08} unsigned byte, {@code 0x09} signed byte, {@code 0x0B} short,
 * {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double), the number of dimensions d (one byte), the d extents as
 * big-endian 32-bit integers, then the values in row-major order. Supported: unsigned bytes ({@code 0x08}), the type of
 * every MNIST-style image and label file.
 *
 * <p>Every defect (bad magic, unsupported type, wrong number of dimensions, a negative extent, truncated or surplus
 * data, a broken gzip stream) is a {@link MalformedInputException} whose message is one line, {@code FILE: reason};
 * failures to open the file at all are the {@link IOException}s of {@link Files#newInputStream}.
 */
public final class IdxReader {
    /** The type byte of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * The values of an IDX file of unsigned bytes.
     *
     * @param shape the extents, outermost first
     * @param values the values in row-major order, as Java bytes (read them with {@link #value})
     */
    public record Array(int[] shape, byte[] values) {
        /** @return the first extent (the number of images or labels) */
        public int count() {
            return shape[0];
        }

        /** @return the values per item: the product of the extents after the first (1 for a vector) */
        public int itemLength() {
            int n = 1;
            for (int i = 1; i < shape.length; i++) {
                n *= shape[i];
            }
            return n;
        }

        /**
         * @param i the flat index
         * @return the unsigned value, 0..255
         */
        public int value(int i) {
            return values[i] & 0xff;
        }
    }

    /**
     * Reads images: an IDX array of unsigned bytes with 3 dimensions (count, rows, columns).
     *
     * @param file the file, plain or gzip-compressed
     * @return the array
     * @throws IOException if the file cannot be opened
     * @throws MalformedInputException for a defect of the content
     */
    public static Array readImages(Path file) throws IOException {
        Array a = read(file);
        if (a.shape().length != 3) {
            throw new MalformedInputException(file.toString(), 0, "expected images (3 dimensions: count, rows, columns), got "
                + a.shape().length + " dimension" + (a.shape().length == 1 ? "" : "s"));
        }
        return a;
    }

    /**
     * Reads labels: an IDX vector of unsigned bytes.
     *
     * @param file the file, plain or gzip-compressed
     * @return the labels, 0..255
     * @throws IOException if the file cannot be opened
     * @throws MalformedInputException for a defect of the content
     */
    public static int[] readLabels(Path file) throws IOException {
        Array a = read(file);
        if (a.shape().length != 1) {
            throw new MalformedInputException(file.toString(), 0, "expected labels (1 dimension), got " + a.shape().length
                + " dimensions");
        }
        int[] labels = new int[a.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = a.value(i);
        }
        return labels;
    }

    /**
     * Reads any IDX array of unsigned bytes.
     *
     * @param file the file, plain or gzip-compressed
     * @return the array
     * @throws IOException if the file cannot be opened
     * @throws MalformedInputException for a defect of the content
     */
    public static Array read(Path file) throws IOException {
        String name = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw) {
                return read(in, name);
            } catch (ZipException | EOFException e) {
                if (gzip) {
                    throw new MalformedInputException(name, 0, "broken gzip data (" + e.getMessage() + ")");
                }
                throw e;
            }
        }
    }

    private static Array read(InputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
            throw new MalformedInputException(name, 0, "not an IDX file (it does not start with two zero bytes)");
        }
        int type = magic[2] & 0xff;
        int dims = magic[3] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new MalformedInputException(name, 0, String.format("IDX type 0x%02X is not supported: only unsigned bytes (0x08)",
                type));
        }
        if (dims < 1) {
            throw new MalformedInputException(name, 0, "an IDX array needs at least 1 dimension, the header gives 0");
        }
        byte[] header = in.readNBytes(4 * dims);
        if (header.length < 4 * dims) {
            throw new MalformedInputException(name, 0, "truncated header: " + dims + " extents announced, the file ends after "
                + header.length / 4);
        }
        int[] shape = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++) {
            int e = (header[4 * d] & 0xff) << 24 | (header[4 * d + 1] & 0xff) << 16 | (header[4 * d + 2] & 0xff) << 8
                | header[4 * d + 3] & 0xff;
            if (e < 0) {
                throw new MalformedInputException(name, 0, "extent " + (d + 1) + " is negative (" + e + ")");
            }
            shape[d] = e;
            total *= e;
            if (total > Integer.MAX_VALUE - 8) {
                throw new MalformedInputException(name, 0, "the header announces more than 2^31 values");
            }
        }
        // readNBytes grows its buffer as bytes arrive: a header announcing 2 GB in a short file allocates only what is there
        byte[] values = in.readNBytes((int) total);
        if (values.length < total) {
            throw new MalformedInputException(name, 0, "truncated data: " + total + " values announced, " + values.length + " present");
        }
        if (in.read() != -1) {
            throw new MalformedInputException(name, 0, "surplus data after the " + total + " values the header announces");
        }
        return new Array(shape, values);
    }
}
