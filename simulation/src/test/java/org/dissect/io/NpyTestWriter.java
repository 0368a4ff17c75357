package org.dissect.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny .npy writer for the tests, written from the format description in NumPy's
 * {@code numpy/lib/format.py}: magic {@code \x93NUMPY}, version bytes, the header length (uint16 LE for
 * 1.0, uint32 LE for 2.0/3.0), an ASCII dict header padded with spaces and ended by a newline so that
 * the data starts at a multiple of 64 bytes, then the elements in C order.
 */
public final class NpyTestWriter {
    private NpyTestWriter() {
    }

    /** The standard header text of NumPy for a dtype and shape, e.g. {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}. */
    static String dict(String descr, boolean fortran, int... shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")");
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + s + ", }";
    }

    /** A whole file: preamble, header {@code dict} padded to a multiple of 64, and {@code data}. */
    static byte[] file(int major, String dict, byte[] data) {
        int preamble = major == 1 ? 10 : 12;
        int unpadded = preamble + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) h.length);
        } else {
            len.putInt(h.length);
        }
        out.writeBytes(len.array());
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Elements encoded as {@code descr} ({@code <f8, >f8, <f4, <i8, <i4, <i2, |u1, |i1, <u8, ...}). */
    static byte[] encode(String descr, double... values) {
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int size = descr.charAt(2) - '0';
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            switch (descr.substring(1)) {
                case "f8" -> b.putDouble(v);
                case "f4" -> b.putFloat((float) v);
                case "i8", "u8" -> b.putLong((long) v);
                case "i4", "u4" -> b.putInt((int) (long) v);
                case "i2", "u2" -> b.putShort((short) (long) v);
                case "i1", "u1", "b1" -> b.put((byte) (long) v);
                default -> throw new IllegalArgumentException(descr);
            }
        }
        return b.array();
    }

    /** A complete, well-formed file. */
    public static byte[] array(int major, String descr, int[] shape, double... values) {
        return file(major, dict(descr, false, shape), encode(descr, values));
    }
}
