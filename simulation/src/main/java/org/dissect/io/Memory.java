package org.dissect.io;

import java.util.Locale;

/**
 * Refuses, before anything is allocated, work whose arrays cannot fit in the Java heap: a size given by the
 * user (a class count, a dimension, a label) must end in one line naming the option, never in an
 * {@link OutOfMemoryError}. Estimates are in bytes and saturate at {@link Long#MAX_VALUE} instead of
 * overflowing.
 */
public final class Memory {
    private Memory() {
    }

    /**
     * The bytes of an array of doubles (or longs) of the given dimensions, saturating.
     *
     * @param factors the array dimensions, each non-negative
     * @return {@code 8·Π factors}, or {@link Long#MAX_VALUE} if that overflows
     */
    public static long doubles(long... factors) {
        long bytes = 8;
        for (long f : factors) {
            bytes = times(bytes, f);
        }
        return bytes;
    }

    /**
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @return {@code a·b}, or {@link Long#MAX_VALUE} if that overflows
     */
    public static long times(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /**
     * @param a a non-negative term
     * @param b a non-negative term
     * @return {@code a + b}, or {@link Long#MAX_VALUE} if that overflows
     */
    public static long plus(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** @return the heap the JVM can still give: its maximum less what is in use now */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses work that needs more heap than is available.
     *
     * @param what the work and the options that size it, e.g. {@code "--classes 10 --per-class 5000 --dim 512"}
     * @param bytes the estimate, saturated
     * @throws BadInputException naming {@code what}, the estimate and the heap available
     */
    public static void require(String what, long bytes) {
        long available = available();
        if (bytes > available) {
            throw new BadInputException(what + " needs " + (bytes == Long.MAX_VALUE ? "" : "about ") + human(bytes)
                + " of memory, but the Java heap has " + human(available) + " available (raise it with DISSECT_JAVA_OPTS=-Xmx...)");
        }
    }

    /**
     * @param bytes a non-negative byte count
     * @return it in binary units with three significant digits, e.g. {@code "14.9 GiB"}, or "more than 8 EiB"
     */
    public static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 8 EiB";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.3g %s", v, units[u]);
    }
}
