package org.dissect.enumeration;

import java.util.Locale;

/**
 * Array sizes and heap use, checked before anything is allocated, so that a problem too large for the JVM is
 * refused with one line ({@link IllegalArgumentException}) instead of a {@link NegativeArraySizeException}, an
 * {@link ArithmeticException} or an {@link OutOfMemoryError} halfway through.
 *
 * <p>Byte counts are estimates of the arrays' payloads (headers and small objects add a few percent);
 * {@link #requireHeap} compares them with the JVM's maximum heap, a
 * necessary condition only: a caller that knows what else lives on the heap should compare them with what is
 * free (the command line does).
 */
public final class Allocation {
    /** The longest array every JVM allocates (HotSpot refuses the last few lengths below 2^31). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Allocation() {
    }

    /**
     * Checks an array length.
     *
     * @param what the array, as the message names it, e.g. {@code "the Gram matrix (N^2 entries, N=50000)"}
     * @param length the number of entries, possibly out of the int range
     * @return the length as an int
     * @throws IllegalArgumentException if {@code length} is negative or above {@link #MAX_ARRAY_LENGTH}
     */
    public static int length(String what, long length) {
        if (length < 0 || length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + " needs " + approximate(length)
                + " entries, more than a Java array holds (2^31-9)");
        }
        return (int) length;
    }

    /**
     * Checks that an allocation can fit in the heap the JVM can still give: its maximum ({@code -Xmx}) less what
     * is in use now.
     *
     * @param what what is allocated, as the message names it (the command line names the options that size it)
     * @param bytes the bytes it needs
     * @throws IllegalArgumentException if {@code bytes} exceeds the available heap
     */
    public static void requireHeap(String what, long bytes) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > available) {
            throw new IllegalArgumentException(what + " needs about " + bytes(bytes) + " of memory, more than the "
                + bytes(available) + " the Java heap has available (raise it with -Xmx, e.g. DISSECT_JAVA_OPTS=-Xmx16g,"
                + " or shrink the problem)");
        }
    }

    /**
     * @param bytes a byte count, non-negative
     * @return it with a binary unit and one decimal, e.g. {@code "1.5 GiB"}
     */
    public static String bytes(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024) {  // Long.MAX_VALUE is below 8 EiB
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * @param x a count
     * @return it in full below 10^6, else with three significant digits, e.g. {@code "2.15e9"}
     */
    static String approximate(long x) {
        return x < 1_000_000 ? Long.toString(x) : scientific(Math.log10(x));
    }

    /**
     * @param log10 {@code log10(x)} of a positive x, possibly far beyond the double range
     * @return x with three significant digits, e.g. {@code "1.93e696"}
     */
    static String scientific(double log10) {
        return scientific(log10, 3);
    }

    /**
     * @param log10 {@code log10(x)} of a positive x, possibly far beyond the double range
     * @param digits significant digits, 1 to 15 (a log-gamma {@code log10} carries about 12 beyond the exponent)
     * @return x with that many significant digits, e.g. {@code "1.931754039e696"} for 10
     */
    public static String scientific(double log10, int digits) {
        long exponent = (long) Math.floor(log10);
        double mantissa = Math.pow(10, log10 - exponent);
        if (mantissa >= 10 - 5 * Math.pow(10, -digits)) {
            mantissa /= 10;
            exponent++;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "fe%d", mantissa, exponent);
    }
}
