package org.dissect.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyReaderTest {
    private static final String[] MATRIX_TYPES = {"<f8", ">f8", "<f4", ">f4", "<i8", "<i4", "<i2", "|u1", "|i1", "<u2", "<u4", "<u8"};
    private static final String[] LABEL_TYPES = {"<i8", ">i8", "<i4", "<i2", "|u1", "|i1", "<u2", "<u4", "<u8", "|b1"};

    @TempDir
    Path dir;

    // ---- files written by NumPy (src/test/resources/org/dissect/io/make_fixtures.py) ----

    @ParameterizedTest
    @ValueSource(strings = {"features_f8_v1.npy", "features_f4_v2.npy", "features_f8_big_endian_v3.npy"})
    void readsFeatureMatricesWrittenByNumpy(String name) throws Exception {
        double[][] a = NpyReader.readMatrix(fixture(name));
        assertEquals(4, a.length);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(0.25 * (3 * r + c) - 1, a[r][c], 0.0, name + " [" + r + ", " + c + "]");
            }
        }
    }

    @Test
    void readsIntegerMatricesAsDoubles() throws Exception {
        double[][] a = NpyReader.readMatrix(fixture("features_i8.npy"));
        assertArrayEquals(new double[] {-5, -4, -3}, a[0]);
        assertArrayEquals(new double[] {4, 5, 6}, a[3]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"labels_i8.npy", "labels_i4.npy", "labels_u1.npy", "labels_i1.npy"})
    void readsLabelsWrittenByNumpy(String name) throws Exception {
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, NpyReader.readLabels(fixture(name)));
    }

    @Test
    void headersWrittenByNumpyAreParsed() throws Exception {
        NpyHeader v1 = NpyReader.readHeader(fixture("features_f8_v1.npy"));
        assertEquals(new NpyHeader(1, 0, "<f8", false, List.of(4, 3), 128), v1);
        assertEquals("(4, 3)", v1.shapeString());
        assertEquals(12, v1.elementCount());
        NpyHeader v3 = NpyReader.readHeader(fixture("features_f8_big_endian_v3.npy"));
        assertEquals(3, v3.majorVersion());
        assertEquals(">f8", v3.descr());
        assertEquals("(6,)", NpyReader.readHeader(fixture("labels_i8.npy")).shapeString());
    }

    @Test
    void fortranOrderWrittenByNumpyIsRejected() throws Exception {
        Path f = fixture("features_fortran_order.npy");
        assertMalformed(f, () -> NpyReader.readMatrix(f),
            "fortran_order is True (column-major data) and only C order is supported; save np.ascontiguousarray(a) instead");
    }

    @Test
    void structuredDtypeWrittenByNumpyIsRejected() throws Exception {
        Path f = fixture("structured.npy");
        assertMalformed(f, () -> NpyReader.readMatrix(f), "structured (record) dtypes are not supported");
    }

    @Test
    void floatingPointLabelsWrittenByNumpyAreRejected() throws Exception {
        Path f = fixture("labels_f8.npy");
        assertMalformed(f, () -> NpyReader.readLabels(f), "labels must have an integer type, got <f8");
    }

    // ---- round trips through the test writer ----

    @Property(tries = 300, seed = "20210704")
    void matricesRoundTripInEveryTypeAndVersion(@ForAll @IntRange(min = 0, max = 11) int type,
                                                @ForAll @IntRange(min = 1, max = 3) int version,
                                                @ForAll @IntRange(min = 0, max = 6) int rows,
                                                @ForAll @IntRange(min = 1, max = 5) int cols,
                                                @ForAll long seed) throws IOException {
        String descr = MATRIX_TYPES[type];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = descr.charAt(1) == 'f' ? (float) (100 * rng.nextGaussian())
                : descr.charAt(1) == 'u' ? rng.nextInt(256) : rng.nextInt(256) - 128;
        }
        byte[] file = NpyTestWriter.array(version, descr, new int[] {rows, cols}, values);
        double[][] a = NpyReader.readMatrix(new ByteArrayInputStream(file), "mem.npy");
        assertEquals(rows, a.length);
        for (int r = 0; r < rows; r++) {
            assertArrayEquals(Arrays.copyOfRange(values, r * cols, (r + 1) * cols), a[r], 0.0);
        }
    }

    @Property(tries = 300, seed = "20210705")
    void labelsRoundTripInEveryIntegerTypeAndVersion(@ForAll @IntRange(min = 0, max = 9) int type,
                                                     @ForAll @IntRange(min = 1, max = 3) int version,
                                                     @ForAll @IntRange(min = 0, max = 200) int n,
                                                     @ForAll boolean column,
                                                     @ForAll long seed) throws IOException {
        String descr = LABEL_TYPES[type];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[n];
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            expected[i] = descr.equals("|b1") ? rng.nextInt(2) : rng.nextInt(100);
            values[i] = expected[i];
        }
        int[] shape = column ? new int[] {n, 1} : new int[] {n};
        byte[] file = NpyTestWriter.array(version, descr, shape, values);
        assertArrayEquals(expected, NpyReader.readLabels(new ByteArrayInputStream(file), "mem.npy"));
    }

    @Test
    void largeLabelVectorsAreReadInChunks() throws IOException {
        int n = 200_003;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i % 10;
        }
        int[] labels = NpyReader.readLabels(new ByteArrayInputStream(NpyTestWriter.array(1, "<i8", new int[] {n}, values)), "big.npy");
        assertEquals(n, labels.length);
        assertEquals(2, labels[200_002]);
    }

    @Test
    void dataStartsAtAMultipleOf64LikeNumpyWritesIt() throws IOException {
        for (int version = 1; version <= 3; version++) {
            byte[] file = NpyTestWriter.array(version, "<f8", new int[] {2, 2}, 1, 2, 3, 4);
            NpyHeader h = NpyReader.readHeader(new ByteArrayInputStream(file), "mem.npy");
            assertEquals(0, h.dataOffset() % 64);
            assertEquals(file.length - 32, h.dataOffset());
        }
    }

    @Test
    void python2LongIntegersAndDoubleQuotesInTheHeaderAreAccepted() throws IOException {
        String dict = "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (1L, 2L)}";
        double[][] a = NpyReader.readMatrix(new ByteArrayInputStream(NpyTestWriter.file(1, dict, NpyTestWriter.encode("<f8", 7, 8))), "m");
        assertArrayEquals(new double[] {7, 8}, a[0]);
    }

    @Test
    void unsignedSixtyFourBitValuesAboveTwoToTheSixtyThreeAreRead() throws IOException {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array();
        double[][] a = NpyReader.readMatrix(new ByteArrayInputStream(NpyTestWriter.file(1, NpyTestWriter.dict("<u8", false, 1, 1), data)), "m");
        assertEquals(18446744073709551615.0, a[0][0]);
    }

    // ---- malformed files: one line, "FILE: reason" ----

    static Stream<Arguments> malformedMatrices() {
        byte[] good = NpyTestWriter.array(1, "<f8", new int[] {2, 2}, 1, 2, 3, 4);
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        byte[] version4 = good.clone();
        version4[6] = 4;
        byte[] version21 = good.clone();
        version21[6] = 2;
        version21[7] = 1;
        byte[] headerTooLong = good.clone();
        headerTooLong[8] = (byte) 0xff;
        headerTooLong[9] = (byte) 0x7f;
        double[] four = {1, 2, 3, 4};
        return Stream.of(
            Arguments.of("empty", new byte[0], "not a NumPy .npy file (it does not start with \\x93NUMPY)"),
            Arguments.of("bad magic", badMagic, "not a NumPy .npy file (it does not start with \\x93NUMPY)"),
            Arguments.of("only magic", Arrays.copyOf(good, 7), "truncated header: the file ends inside the format version"),
            Arguments.of("no length", Arrays.copyOf(good, 9), "truncated header: the file ends inside the header length"),
            Arguments.of("version 4", version4, "unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)"),
            Arguments.of("version 2.1", version21, "unsupported .npy format version 2.1 (supported: 1.0, 2.0, 3.0)"),
            Arguments.of("header cut", Arrays.copyOf(good, 40), "truncated header: 118 header bytes announced, 30 present"),
            Arguments.of("header longer than file", headerTooLong, "truncated header: 32767 header bytes announced"),
            Arguments.of("not a dict", NpyTestWriter.file(1, "[1, 2]", new byte[0]), "malformed header: expected a dict, got [1, 2]"),
            Arguments.of("unterminated dict", NpyTestWriter.file(1, "{'descr': '<f8', ", new byte[0]), "malformed header: unexpected end in {'descr': '<f8',"),
            Arguments.of("garbage", NpyTestWriter.file(1, "{'descr': <f8}", new byte[0]), "malformed header: unexpected character '<' at offset 10"),
            Arguments.of("no shape", NpyTestWriter.file(1, "{'descr': '<f8', 'fortran_order': False}", new byte[0]), "malformed header: no 'shape' key"),
            Arguments.of("extra key", NpyTestWriter.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", new byte[0]),
                "malformed header: keys must be exactly 'descr', 'fortran_order', 'shape', got [descr, fortran_order, shape, x]"),
            Arguments.of("fortran", NpyTestWriter.file(1, NpyTestWriter.dict("<f8", true, 2, 2), NpyTestWriter.encode("<f8", four)),
                "fortran_order is True"),
            Arguments.of("fortran not bool", NpyTestWriter.file(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", new byte[0]),
                "malformed header: 'fortran_order' must be True or False, got 0"),
            Arguments.of("shape not tuple", NpyTestWriter.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 2]}", new byte[0]),
                "malformed header: 'shape' must be a tuple"),
            Arguments.of("negative extent", NpyTestWriter.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-2, 2)}", new byte[0]),
                "malformed header: shape extents must be integers in 0..2147483647, got -2"),
            Arguments.of("complex", NpyTestWriter.file(1, NpyTestWriter.dict("<c16", false, 2, 2), new byte[64]), "unsupported dtype <c16"),
            Arguments.of("half", NpyTestWriter.file(1, NpyTestWriter.dict("<f2", false, 2, 2), new byte[8]), "unsupported dtype <f2"),
            Arguments.of("native order", NpyTestWriter.file(1, NpyTestWriter.dict("=f8", false, 2, 2), new byte[32]),
                "unsupported byte order in dtype =f8 (expected < or >, or | for one-byte types)"),
            Arguments.of("1-D", NpyTestWriter.array(1, "<f8", new int[] {4}, four), "expected a 2-D array (rows x columns), got shape (4,)"),
            Arguments.of("3-D", NpyTestWriter.array(2, "<f8", new int[] {1, 2, 2}, four), "expected a 2-D array (rows x columns), got shape (1, 2, 2)"),
            Arguments.of("no columns", NpyTestWriter.file(1, NpyTestWriter.dict("<f8", false, 3, 0), new byte[0]), "the matrix has 3 rows and no columns"),
            Arguments.of("truncated data", Arrays.copyOf(good, good.length - 3), "truncated data: shape (2, 2) of <f8 needs 32 bytes after the header, the file has 29"),
            Arguments.of("huge shape, little data", NpyTestWriter.file(1, NpyTestWriter.dict("<f8", false, 2_000_000_000, 2_000_000), new byte[16]),
                "truncated data: shape (2000000000, 2000000) of <f8 needs 32000000000000000 bytes after the header, the file has 16"),
            Arguments.of("trailing bytes", Arrays.copyOf(good, good.length + 1), "unexpected bytes after the data: shape (2, 2) of <f8 accounts for 32 bytes"),
            Arguments.of("NaN", NpyTestWriter.array(1, "<f8", new int[] {2, 2}, 1, 2, Double.NaN, 4), "non-finite value NaN at row 1, column 0"),
            Arguments.of("infinity", NpyTestWriter.array(3, ">f8", new int[] {2, 2}, 1, Double.NEGATIVE_INFINITY, 3, 4), "non-finite value -Infinity at row 0, column 1"),
            Arguments.of("float NaN", NpyTestWriter.array(2, "<f4", new int[] {1, 2}, 1, Double.NaN), "non-finite value NaN at row 0, column 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMatrices")
    void malformedMatricesAreRejectedWithOneLineNamingTheFile(String what, byte[] bytes, String reason) throws IOException {
        Path f = dir.resolve(what.replace(' ', '_') + ".npy");
        Files.write(f, bytes);
        assertMalformed(f, () -> NpyReader.readMatrix(f), reason);
    }

    static Stream<Arguments> malformedLabels() {
        return Stream.of(
            Arguments.of("float labels", NpyTestWriter.array(1, "<f4", new int[] {2}, 0, 1), "labels must have an integer type, got <f4"),
            Arguments.of("matrix", NpyTestWriter.array(1, "<i8", new int[] {2, 2}, 0, 1, 1, 0),
                "expected a 1-D array of labels, shape (N,) or (N, 1), got shape (2, 2)"),
            Arguments.of("too big", NpyTestWriter.array(1, "<i8", new int[] {3}, 0, 1, 1L << 40), "label 1099511627776 at index 2 does not fit in an int"),
            Arguments.of("too small", NpyTestWriter.array(1, ">i8", new int[] {1}, -(1L << 40)), "label -1099511627776 at index 0 does not fit in an int"),
            Arguments.of("unsigned too big", NpyTestWriter.file(1, NpyTestWriter.dict("<u8", false, 1),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).array()), "label 18446744073709551615 at index 0 does not fit in an int"),
            Arguments.of("u4 too big", NpyTestWriter.file(1, NpyTestWriter.dict("<u4", false, 1),
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).array()), "label 4294967295 at index 0 does not fit in an int"),
            Arguments.of("truncated", Arrays.copyOf(NpyTestWriter.array(1, "<i4", new int[] {3}, 0, 1, 2), 128 + 10),
                "truncated data: shape (3,) of <i4 needs 12 bytes after the header, the file has 10"),
            Arguments.of("pipe on wide type", NpyTestWriter.file(1, NpyTestWriter.dict("|i4", false, 1), new byte[4]),
                "unsupported byte order in dtype |i4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedLabels")
    void malformedLabelsAreRejectedWithOneLineNamingTheFile(String what, byte[] bytes, String reason) throws IOException {
        Path f = dir.resolve(what.replace(' ', '_') + ".npy");
        Files.write(f, bytes);
        assertMalformed(f, () -> NpyReader.readLabels(f), reason);
    }

    @Test
    void headerTextInMessagesStaysOnOneLine() throws IOException {
        Path f = dir.resolve("newlines.npy");
        Files.write(f, NpyTestWriter.file(1, "{'descr':\n'<f8',\n 'fortran_order': False,\n 'shape': (1,), 'x'", new byte[0]));
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> NpyReader.readMatrix(f));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("\\n"), e.getMessage());
    }

    @Test
    void controlCharactersInTheDtypeStayEscaped() throws IOException {
        Path f = dir.resolve("control.npy");
        Files.write(f, NpyTestWriter.file(1, NpyTestWriter.dict("\nf8", false, 1, 1), new byte[8]));
        assertMalformed(f, () -> NpyReader.readMatrix(f), "unsupported byte order in dtype \\nf8");
    }

    @Test
    void aMissingFileIsAnIOException() {
        assertThrows(NoSuchFileException.class, () -> NpyReader.readMatrix(dir.resolve("absent.npy")));
    }

    @Test
    void malformedInputIsAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(MalformedInputException.class));
    }

    private interface Reading {
        void read() throws IOException;
    }

    private static void assertMalformed(Path file, Reading reading, String reasonPrefix) {
        MalformedInputException e = assertThrows(MalformedInputException.class, reading::read);
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": " + reasonPrefix), () -> "message: " + m);
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message on several lines: " + m);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyReaderTest.class.getResource("/org/dissect/io/" + name).toURI());
    }
}
