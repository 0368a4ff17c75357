package org.dissect.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    /** An IDX file written byte by byte from the format's description (big-endian extents). */
    static byte[] idx(int type, int[] shape, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) shape.length);
        for (int e : shape) {
            b.putInt(e);
        }
        b.put(values);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsImagesPlainOrGzippedWithUnsignedValues(boolean compressed) throws IOException {
        byte[] values = new byte[2 * 3 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (250 + i); // 250..255, then 0..5 after wrapping: unsigned reading is checked
        }
        byte[] raw = idx(0x08, new int[] {2, 3, 2}, values);
        IdxReader.Array a = IdxReader.readImages(write("images", compressed ? gzip(raw) : raw));
        assertArrayEquals(new int[] {2, 3, 2}, a.shape());
        assertEquals(2, a.count());
        assertEquals(6, a.itemLength());
        for (int i = 0; i < values.length; i++) {
            assertEquals((250 + i) % 256, a.value(i));
        }
    }

    @Test
    void readsLabels() throws IOException {
        int[] labels = IdxReader.readLabels(write("labels.gz", gzip(idx(0x08, new int[] {4}, new byte[] {9, 0, 3, (byte) 200}))));
        assertArrayEquals(new int[] {9, 0, 3, 200}, labels);
    }

    static String failure(Path file) {
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> IdxReader.read(file));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void defectsAreOneLineNamingTheFile() throws IOException {
        assertTrue(failure(write("a", new byte[] {1, 2, 3, 4})).contains("not an IDX file"));
        assertTrue(failure(write("b", new byte[] {0})).contains("not an IDX file"));
        assertTrue(failure(write("c", idx(0x0D, new int[] {1}, new byte[4]))).contains("0x0D is not supported"));
        assertTrue(failure(write("d", idx(0x08, new int[] {5}, new byte[3]))).contains("truncated data: 5 values announced, 3 present"));
        assertTrue(failure(write("e", idx(0x08, new int[] {2}, new byte[3]))).contains("surplus data"));
        assertTrue(failure(write("f", idx(0x08, new int[] {-1}, new byte[0]))).contains("negative"));
        assertTrue(failure(write("g", idx(0x08, new int[] {65536, 65536}, new byte[0]))).contains("more than 2^31"));
        assertTrue(failure(write("h", new byte[] {0, 0, 8, 3, 0, 0})).contains("truncated header"));
        assertTrue(failure(write("i", new byte[] {0, 0, 8, 0})).contains("at least 1 dimension"));
        byte[] z = gzip(idx(0x08, new int[] {100}, new byte[100]));
        assertTrue(failure(write("j.gz", java.util.Arrays.copyOf(z, z.length / 2))).contains("broken gzip data"));
    }

    @Test
    void imagesNeedThreeDimensionsAndLabelsOne() throws IOException {
        Path vector = write("v", idx(0x08, new int[] {3}, new byte[3]));
        Path cube = write("c", idx(0x08, new int[] {1, 1, 1}, new byte[1]));
        assertTrue(assertThrows(MalformedInputException.class, () -> IdxReader.readImages(vector)).getMessage()
            .contains("expected images (3 dimensions"));
        assertTrue(assertThrows(MalformedInputException.class, () -> IdxReader.readLabels(cube)).getMessage()
            .contains("expected labels (1 dimension)"));
    }

    /** The header of the real files, read independently of the reader: 60,000 and 10,000 images of 28×28. */
    @Test
    void fashionMnistHeadersGive60000And10000() throws IOException {
        // CI sets DISSECT_REQUIRE_FASHION_MNIST (.ci/run installs the package): there a missing package fails
        assumeTrue(Files.isDirectory(FASHION) || System.getenv("DISSECT_REQUIRE_FASHION_MNIST") != null,
            "apt-get install dataset-fashion-mnist");
        for (String[] f : new String[][] {{"train", "60000"}, {"t10k", "10000"}}) {
            int n = Integer.parseInt(f[1]);
            Path images = FASHION.resolve(f[0] + "-images-idx3-ubyte.gz");
            Path labels = FASHION.resolve(f[0] + "-labels-idx1-ubyte.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(images))) {
                ByteBuffer h = ByteBuffer.wrap(in.readNBytes(16));
                assertEquals(0x00000803, h.getInt());
                assertEquals(n, h.getInt());
                assertEquals(28, h.getInt());
                assertEquals(28, h.getInt());
            }
            IdxReader.Array a = IdxReader.readImages(images);
            assertArrayEquals(new int[] {n, 28, 28}, a.shape());
            int[] y = IdxReader.readLabels(labels);
            assertEquals(n, y.length);
            int[] counts = new int[10];
            for (int label : y) {
                counts[label]++;
            }
            // Fashion-MNIST is balanced: 6,000 (train) and 1,000 (test) images per class
            for (int c : counts) {
                assertEquals(n / 10, c);
            }
        }
    }
}
