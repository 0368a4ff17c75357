package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllocationTest {

    @Test
    void lengthsUpToTheArrayLimitPassAndLongerOnesAreRefusedWithShortNumbers() {
        assertEquals(0, Allocation.length("x", 0));
        assertEquals(Integer.MAX_VALUE - 8, Allocation.length("x", Integer.MAX_VALUE - 8L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Allocation.length("the Gram matrix", Integer.MAX_VALUE - 7L));
        assertEquals("the Gram matrix needs 2.15e9 entries, more than a Java array holds (2^31-9)", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Allocation.length("y", -1)).getMessage()
            .startsWith("y needs -1 entries"));
    }

    @Test
    void theHeapCheckComparesWithTheHeapStillAvailable() {
        long max = Runtime.getRuntime().maxMemory();
        Allocation.requireHeap("a kilobyte", 1024);
        // the test itself holds part of the heap, so all of -Xmx is more than is available
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocation.requireHeap("all of it", max));
        assertTrue(e.getMessage().startsWith("all of it needs about " + Allocation.bytes(max) + " of memory, more than the "),
            e.getMessage());
        assertTrue(e.getMessage().contains(" the Java heap has available (raise it with -Xmx"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @ParameterizedTest
    @CsvSource({"0,0 bytes", "1023,1023 bytes", "1024,1.0 KiB", "1536,1.5 KiB", "1048575,1024.0 KiB",
        "3221225472,3.0 GiB", "9223372036854775807,8.0 EiB"})
    void byteCountsCarryABinaryUnit(long bytes, String expected) {
        assertEquals(expected, Allocation.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({"999999,999999", "1000000,1.00e6", "2147483648,2.15e9", "9223372036854775807,9.22e18"})
    void countsAboveAMillionAreShownWithThreeDigits(long x, String expected) {
        assertEquals(expected, Allocation.approximate(x));
    }

    @Test
    void scientificNotationWorksFarBeyondTheDoubleRange() {
        // log10 of 1.93e696 and of 9.996e99 (which rounds up to the next power of ten)
        assertEquals("1.93e696", Allocation.scientific(696 + Math.log10(1.93)));
        assertEquals("1.00e100", Allocation.scientific(Math.log10(9.996e99)));
        assertEquals("9.99e99", Allocation.scientific(Math.log10(9.99e99)));
        assertEquals("5.00e-3", Allocation.scientific(Math.log10(0.005)));
        // 2^100000 = 10^(1e5·log10 2), far beyond the double range: its digits from BigInteger
        String digits = BigInteger.TWO.pow(100_000).toString();
        String exact = new BigDecimal(digits.substring(0, 4)).movePointLeft(3).round(new MathContext(3)) + "e"
            + (digits.length() - 1);
        assertEquals(exact, Allocation.scientific(100_000 * Math.log10(2)));
    }
}
