package org.dissect.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NumPy {@code .npy} files: 2-D feature or weight matrices and 1-D label vectors.
 *
 * <p>Format (NumPy's {@code numpy/lib/format.py}, "NPY format"): the magic string
 * {@code \x93NUMPY}, a major and a minor version byte, the header length (unsigned little-endian,
 * 2 bytes for version 1.0, 4 bytes for 2.0 and 3.0), then the header: a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} in Latin-1 (1.0, 2.0) or UTF-8
 * (3.0), padded with spaces and a final newline; then the raw elements.
 *
 * <p>Supported: versions 1.0, 2.0, 3.0; element types {@code f4, f8} (floating point), {@code i1, i2,
 * i4, i8}, {@code u1, u2, u4, u8} (integers) and {@code b1} (booleans), little ({@code <}) or big
 * ({@code >}) endian ({@code |} for one-byte types); C (row-major) order. Matrices accept every
 * type and convert to {@code double} (integers beyond 2^53 round); labels need an integer or boolean type.
 *
 * <p>Every defect of the file (bad magic, unsupported version or type, malformed header,
 * {@code fortran_order: True}, wrong number of dimensions, truncated or surplus data, a non-finite
 * value, a label outside the {@code int} range) is a {@link MalformedInputException} whose message is
 * one line, {@code "FILE: reason"}. Failures to read the file at all (missing, unreadable) are the
 * {@link IOException}s of {@link Files#newInputStream}.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest accepted header, far above what NumPy writes (it refuses headers over 10,000 bytes by default). */
    private static final int MAX_HEADER = 1 << 20;
    /** Shown when echoing header text in a message. */
    private static final int MAX_ECHO = 80;

    private NpyReader() {
    }

    /**
     * Reads only the header.
     *
     * @param file the .npy file
     * @return its header
     * @throws IOException if the file cannot be read
     * @throws MalformedInputException if the header is malformed or unsupported
     */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readHeader(in, file.toString());
        }
    }

    /**
     * Reads a 2-D array, e.g. N×h features or K×h weights, as rows of doubles.
     *
     * @param file the .npy file
     * @return the rows, {@code shape[0]} arrays of length {@code shape[1]}
     * @throws IOException if the file cannot be read
     * @throws MalformedInputException if the file is malformed, not 2-D, or holds a non-finite value
     */
    public static double[][] readMatrix(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readMatrix(in, file.toString());
        }
    }

    /**
     * Reads a label vector: shape {@code (N,)} or {@code (N, 1)}, integer or boolean type, every value an {@code int}.
     *
     * @param file the .npy file
     * @return the N labels (their range is the caller's to check)
     * @throws IOException if the file cannot be read
     * @throws MalformedInputException if the file is malformed, of the wrong shape or type, or a value exceeds the {@code int} range
     */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readLabels(in, file.toString());
        }
    }

    /**
     * Reads a 2-D array from a stream positioned at the magic string; {@link #readMatrix(Path)} for streams.
     *
     * @param in the stream (read to its end, not closed)
     * @param name the name used in messages, e.g. the file name
     * @return the rows
     * @throws IOException if the stream fails
     * @throws MalformedInputException as {@link #readMatrix(Path)}
     */
    public static double[][] readMatrix(InputStream in, String name) throws IOException {
        NpyHeader h = readHeader(in, name);
        Dtype t = Dtype.parse(h.descr(), name);
        if (h.shape().size() != 2) {
            throw malformed(name, "expected a 2-D array (rows x columns), got shape " + h.shapeString());
        }
        int rows = h.shape().get(0);
        int cols = h.shape().get(1);
        if (cols == 0 && rows > 0) {
            throw malformed(name, "the matrix has " + rows + " rows and no columns, shape " + h.shapeString());
        }
        long rowBytes = (long) cols * t.size;
        if (rowBytes > Integer.MAX_VALUE - 8) {
            throw malformed(name, "rows of " + cols + " elements of " + h.descr() + " are too long to read");
        }
        // Rows are allocated as their bytes arrive, so a header announcing a huge shape in a short
        // file fails with "truncated data" rather than with an OutOfMemoryError.
        List<double[]> out = new ArrayList<>(Math.min(rows, 1 << 16));
        for (int r = 0; r < rows; r++) {
            ByteBuffer bb = readElements(in, (int) rowBytes, name, h, t, (long) r * rowBytes);
            double[] row = new double[cols];
            for (int c = 0; c < cols; c++) {
                double v = t.readDouble(bb);
                if (!Double.isFinite(v)) {
                    throw malformed(name, "non-finite value " + v + " at row " + r + ", column " + c);
                }
                row[c] = v;
            }
            out.add(row);
        }
        expectEnd(in, name, h, t);
        return out.toArray(new double[0][]);
    }

    /**
     * Reads labels from a stream positioned at the magic string; {@link #readLabels(Path)} for streams.
     *
     * @param in the stream (read to its end, not closed)
     * @param name the name used in messages, e.g. the file name
     * @return the labels
     * @throws IOException if the stream fails
     * @throws MalformedInputException as {@link #readLabels(Path)}
     */
    public static int[] readLabels(InputStream in, String name) throws IOException {
        NpyHeader h = readHeader(in, name);
        Dtype t = Dtype.parse(h.descr(), name);
        List<Integer> s = h.shape();
        if (!(s.size() == 1 || s.size() == 2 && s.get(1) == 1)) {
            throw malformed(name, "expected a 1-D array of labels, shape (N,) or (N, 1), got shape " + h.shapeString());
        }
        if (t.kind == 'f') {
            throw malformed(name, "labels must have an integer type, got " + h.descr());
        }
        int n = s.get(0);
        int chunk = 1 << 16;
        int[] labels = new int[Math.min(n, chunk)];
        for (int start = 0; start < n; start += chunk) {
            int count = Math.min(chunk, n - start);
            ByteBuffer bb = readElements(in, count * t.size, name, h, t, (long) start * t.size);
            if (labels.length < start + count) {
                labels = Arrays.copyOf(labels, (int) Math.min(n, 2L * labels.length + count));
            }
            for (int i = start; i < start + count; i++) {
                long v = t.readLong(bb);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || t.kind == 'u' && v < 0) {
                    throw malformed(name, "label " + (t.kind == 'u' ? Long.toUnsignedString(v) : Long.toString(v))
                        + " at index " + i + " does not fit in an int");
                }
                labels[i] = (int) v;
            }
        }
        expectEnd(in, name, h, t);
        return labels;
    }

    /**
     * Reads the magic string, version and header from a stream, leaving it at the first data byte.
     *
     * @param in the stream (not closed)
     * @param name the name used in messages
     * @return the header
     * @throws IOException if the stream fails
     * @throws MalformedInputException if the header is malformed or unsupported
     */
    public static NpyHeader readHeader(InputStream in, String name) throws IOException {
        byte[] pre = in.readNBytes(8);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= pre.length || pre[i] != MAGIC[i]) {
                throw malformed(name, "not a NumPy .npy file (it does not start with \\x93NUMPY)");
            }
        }
        if (pre.length < 8) {
            throw malformed(name, "truncated header: the file ends inside the format version");
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw malformed(name, "unsupported .npy format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lenBytes);
        if (len.length < lenBytes) {
            throw malformed(name, "truncated header: the file ends inside the header length");
        }
        long headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort(0) & 0xffffL;
        if (major > 1) {
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xffffffffL;
        }
        if (headerLength > MAX_HEADER) {
            throw malformed(name, "header length " + headerLength + " exceeds " + MAX_HEADER + " bytes");
        }
        byte[] raw = in.readNBytes((int) headerLength);
        if (raw.length < headerLength) {
            throw malformed(name, "truncated header: " + headerLength + " header bytes announced, " + raw.length + " present");
        }
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Object parsed;
        try {
            HeaderParser p = new HeaderParser(text);
            parsed = p.value();
            p.end();
        } catch (IllegalStateException e) {
            throw malformed(name, "malformed header: " + e.getMessage() + " in " + echo(text));
        }
        if (!(parsed instanceof Map)) {
            throw malformed(name, "malformed header: expected a dict, got " + echo(text));
        }
        Map<?, ?> dict = (Map<?, ?>) parsed;
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw malformed(name, "malformed header: no '" + key + "' key in " + echo(text));
            }
        }
        if (dict.size() != 3) {
            throw malformed(name, "malformed header: keys must be exactly 'descr', 'fortran_order', 'shape', got " + echo(String.valueOf(dict.keySet())));
        }
        Object descr = dict.get("descr");
        if (descr instanceof PyList) {
            throw malformed(name, "structured (record) dtypes are not supported: " + echo(python(descr)));
        }
        if (!(descr instanceof String)) {
            throw malformed(name, "malformed header: 'descr' must be a string, got " + echo(python(descr)));
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw malformed(name, "malformed header: 'fortran_order' must be True or False, got " + echo(python(fortran)));
        }
        if ((Boolean) fortran) {
            throw malformed(name, "fortran_order is True (column-major data) and only C order is supported; "
                + "save np.ascontiguousarray(a) instead");
        }
        Object shapeValue = dict.get("shape");
        if (!(shapeValue instanceof PyTuple)) {
            throw malformed(name, "malformed header: 'shape' must be a tuple, got " + echo(python(shapeValue)));
        }
        List<Integer> shape = new ArrayList<>();
        long count = 1;
        for (Object e : ((PyTuple) shapeValue).items()) {
            if (!(e instanceof Long) || (Long) e < 0 || (Long) e > Integer.MAX_VALUE) {
                throw malformed(name, "malformed header: shape extents must be integers in 0.." + Integer.MAX_VALUE
                    + ", got " + echo(python(e)));
            }
            try {
                count = Math.multiplyExact(count, (Long) e);
            } catch (ArithmeticException overflow) {
                throw malformed(name, "shape " + python(shapeValue) + " has more than 2^63 elements");
            }
            shape.add(((Long) e).intValue());
        }
        return new NpyHeader(major, minor, (String) descr, false, shape, (major == 1 ? 10 : 12) + headerLength);
    }

    /**
     * Reads exactly {@code bytes} bytes (buffer grown as they arrive) and wraps them in the type's byte order.
     *
     * @param before data bytes already read, for the message
     */
    private static ByteBuffer readElements(InputStream in, int bytes, String name, NpyHeader h, Dtype t, long before)
        throws IOException {
        byte[] buf = in.readNBytes(bytes);
        if (buf.length < bytes) {
            throw malformed(name, "truncated data: shape " + h.shapeString() + " of " + h.descr() + " needs "
                + dataBytes(h, t) + " bytes after the header, the file has " + (before + buf.length));
        }
        return ByteBuffer.wrap(buf).order(t.order);
    }

    private static void expectEnd(InputStream in, String name, NpyHeader h, Dtype t) throws IOException {
        if (in.read() != -1) {
            throw malformed(name, "unexpected bytes after the data: shape " + h.shapeString() + " of " + h.descr()
                + " accounts for " + dataBytes(h, t) + " bytes after the header");
        }
    }

    private static String dataBytes(NpyHeader h, Dtype t) {
        // Exact even where the product overflows a long.
        return BigInteger.valueOf(h.elementCount()).multiply(BigInteger.valueOf(t.size)).toString();
    }

    static MalformedInputException malformed(String name, String reason) {
        return new MalformedInputException(name, 0, reason);
    }

    /** Header text for a one-line message: control characters escaped, trailing padding dropped, length capped. */
    private static String echo(String text) {
        String t = text.stripTrailing();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length() && b.length() < MAX_ECHO; i++) {
            char c = t.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() < MAX_ECHO ? b.toString() : b + "...";
    }

    /** A parsed header value written back as Python would write it, for messages. */
    private static String python(Object value) {
        if (value instanceof String) {
            return "'" + value + "'";
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof PyTuple || value instanceof PyList) {
            List<Object> items = value instanceof PyTuple ? ((PyTuple) value).items() : ((PyList) value).items();
            StringBuilder b = new StringBuilder(value instanceof PyTuple ? "(" : "[");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(python(items.get(i)));
            }
            if (value instanceof PyTuple && items.size() == 1) {
                b.append(',');
            }
            return b.append(value instanceof PyTuple ? ")" : "]").toString();
        }
        if (value instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                b.append(b.length() == 1 ? "" : ", ").append(python(e.getKey())).append(": ").append(python(e.getValue()));
            }
            return b.append('}').toString();
        }
        return String.valueOf(value);
    }

    /** An element type: kind ({@code f}, {@code i}, {@code u}, {@code b}), size in bytes, byte order. */
    private static final class Dtype {
        final char kind;
        final int size;
        final ByteOrder order;

        private Dtype(char kind, int size, ByteOrder order) {
            this.kind = kind;
            this.size = size;
            this.order = order;
        }

        static Dtype parse(String descr, String name) {
            if (descr.length() != 3 || descr.charAt(2) < '1' || descr.charAt(2) > '8') {
                throw unsupported(descr, name);
            }
            char o = descr.charAt(0);
            char kind = descr.charAt(1);
            int size = descr.charAt(2) - '0';
            boolean ok = kind == 'f' && (size == 4 || size == 8)
                || (kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)
                || kind == 'b' && size == 1;
            if (!ok) {
                throw unsupported(descr, name);
            }
            ByteOrder order;
            if (o == '<' || o == '|' && size == 1) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (o == '>') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw malformed(name, "unsupported byte order in dtype " + echo(descr) + " (expected < or >, or | for one-byte types)");
            }
            return new Dtype(kind, size, order);
        }

        private static MalformedInputException unsupported(String descr, String name) {
            return malformed(name, "unsupported dtype " + echo(descr)
                + " (supported: f4, f8, i1, i2, i4, i8, u1, u2, u4, u8, b1)");
        }

        /** The next element as a double (unsigned 64-bit values above 2^63 included). */
        double readDouble(ByteBuffer bb) {
            if (kind == 'f') {
                return size == 4 ? bb.getFloat() : bb.getDouble();
            }
            long v = readLong(bb);
            if (kind == 'u' && size == 8 && v < 0) {
                return (double) (v >>> 1) * 2.0 + (v & 1);
            }
            return v;
        }

        /** The next integer element; unsigned 64-bit values above 2^63 come back negative (two's complement). */
        long readLong(ByteBuffer bb) {
            switch (size) {
                case 1: {
                    byte b = bb.get();
                    return kind == 'i' ? b : b & 0xffL;
                }
                case 2: {
                    short s = bb.getShort();
                    return kind == 'i' ? s : s & 0xffffL;
                }
                case 4: {
                    int i = bb.getInt();
                    return kind == 'i' ? i : i & 0xffffffffL;
                }
                default:
                    return bb.getLong();
            }
        }
    }

    /** A Python tuple in the header. */
    private record PyTuple(List<Object> items) {
    }

    /** Python's None in the header. */
    private enum PyNone {
        NONE;

        @Override
        public String toString() {
            return "None";
        }
    }

    /** A Python list in the header (a structured dtype's descr). */
    private record PyList(List<Object> items) {
    }

    /**
     * Recursive-descent parser for the Python literals of an .npy header: dicts, tuples, lists,
     * strings in single or double quotes (no escapes), integers (with Python 2's optional {@code L}),
     * {@code True}, {@code False}, {@code None}. Failures are {@link IllegalStateException}s, turned
     * into {@link MalformedInputException}s by the caller.
     */
    private static final class HeaderParser {
        private final String s;
        private int pos;

        HeaderParser(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw new IllegalStateException("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                return dict();
            }
            if (c == '(') {
                return new PyTuple(sequence(')'));
            }
            if (c == '[') {
                return new PyList(sequence(']'));
            }
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return integer();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("None", pos)) {
                pos += 4;
                return PyNone.NONE;
            }
            throw new IllegalStateException("unexpected character '" + c + "' at offset " + pos);
        }

        void end() {
            skipSpace();
            if (pos != s.length()) {
                throw new IllegalStateException("unexpected text after the dict at offset " + pos);
            }
        }

        private Map<String, Object> dict() {
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return m;
                }
                Object key = value();
                if (!(key instanceof String)) {
                    throw new IllegalStateException("dict key " + key + " is not a string");
                }
                skipSpace();
                expect(':');
                if (m.put((String) key, value()) != null) {
                    throw new IllegalStateException("duplicate key '" + key + "'");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw new IllegalStateException("expected ',' or '}' at offset " + pos);
                }
            }
        }

        private List<Object> sequence(char close) {
            pos++;
            List<Object> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw new IllegalStateException("expected ',' or '" + close + "' at offset " + pos);
                }
            }
        }

        private String string() {
            char quote = s.charAt(pos++);
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != quote) {
                if (s.charAt(pos) == '\\') {
                    throw new IllegalStateException("escape sequences in strings are not supported");
                }
                pos++;
            }
            if (pos >= s.length()) {
                throw new IllegalStateException("unterminated string");
            }
            return s.substring(start, pos++);
        }

        private Long integer() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("bad integer '" + digits + "'");
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalStateException("expected '" + c + "' at offset " + pos);
            }
            pos++;
        }

        private char peek() {
            if (pos >= s.length()) {
                throw new IllegalStateException("unexpected end");
            }
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
