package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.dissect.theory.Multisets;

/** Rank, unrank and successor of {@link MultisetRanking}: agreement and bijectivity. */
class MultisetRankingProperties {
    @Property(tries = 200)
    void walkingBySuccessorVisitsEveryRankOnceInOrder(@ForAll @IntRange(min = 1, max = 9) int items,
                                                      @ForAll @IntRange(min = 1, max = 6) int size) {
        MultisetRanking r = new MultisetRanking(items, size);
        assertEquals(Multisets.count(items, size).longValueExact(), r.count());
        int[] tuple = r.unrank(0);
        int[] counts = r.toCounts(tuple);
        long rank = 0;
        int[] previous = null;
        do {
            assertEquals(rank, r.rank(tuple), Arrays.toString(tuple));
            assertArrayEquals(tuple, r.unrank(rank));
            assertArrayEquals(counts, r.toCounts(tuple), "count-vector successor agrees with the tuple successor");
            assertArrayEquals(tuple, r.fromCounts(counts));
            if (previous != null) {
                assertTrue(Arrays.compare(previous, tuple) < 0, "strictly increasing lexicographic order");
            }
            previous = tuple.clone();
            rank++;
            boolean more = r.successorCounts(counts);
            assertEquals(more, r.successor(tuple));
        } while (rank < r.count() + 1 && !Arrays.equals(previous, tuple));
        assertEquals(r.count(), rank, "every multiset exactly once");
        int[] last = new int[size];
        Arrays.fill(last, items - 1);
        assertArrayEquals(last, tuple);
    }

    @Property(tries = 300)
    void unrankThenRankIsTheIdentityOnLargeSpaces(@ForAll @IntRange(min = 1, max = 60) int items,
                                                  @ForAll @IntRange(min = 1, max = 40) int size,
                                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        BigInteger count = Multisets.count(items, size);
        if (count.bitLength() > 63) {
            assertThrows(IllegalArgumentException.class, () -> new MultisetRanking(items, size));
            return;
        }
        MultisetRanking r = new MultisetRanking(items, size);
        long rank = Math.floorMod(seed, r.count());
        int[] tuple = r.unrank(rank);
        for (int p = 1; p < size; p++) {
            assertTrue(tuple[p - 1] <= tuple[p]);
        }
        assertTrue(tuple[size - 1] < items);
        assertEquals(rank, r.rank(tuple));
        int[] next = tuple.clone();
        if (r.successor(next)) {
            assertEquals(rank + 1, r.rank(next));
            assertArrayEquals(r.unrank(rank + 1), next);
        } else {
            assertEquals(r.count() - 1, rank);
        }
    }

    @Example
    void theLargestSpacesAreRefusedWithTheirSize() {
        // C(64+40-1, 40) ~ 1.2e29 > 2^63
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultisetRanking(64, 40));
        assertTrue(e.getMessage().contains("more than 2^63-1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        // C(14+156-1, 156) = 9,176,358,300,744,339,432 is 0.5% below 2^63: accepted, and ranks to its end
        MultisetRanking r = new MultisetRanking(14, 156);
        assertEquals(9_176_358_300_744_339_432L, r.count());
        assertArrayEquals(fill(156, 13), r.unrank(r.count() - 1));
        assertEquals(r.count() - 1, r.rank(fill(156, 13)));
        // C(14+157-1, 157) = 9.94e18 is not
        assertThrows(IllegalArgumentException.class, () -> new MultisetRanking(14, 157));
    }

    @Property(tries = 1000)
    void theLongCountAgreesWithBigIntegersOrSaysItOverflows(@ForAll @IntRange(min = 1, max = 400) int items,
                                                             @ForAll @IntRange(min = 0, max = 400) int size) {
        BigInteger count = Multisets.count(items, size);
        assertEquals(count.bitLength() > 63 ? -1 : count.longValueExact(), MultisetRanking.exactCount(items, size),
            "N=" + items + ", b=" + size);
    }

    @Example
    void countsAtTheEdgeOfTheLongRange() {
        // C(N+b-1, b) around 2^63 - 1 = 9,223,372,036,854,775,807, from BigInteger
        for (int[] nb : new int[][] {{14, 156}, {14, 157}, {68, 34}, {67, 35}, {2, Integer.MAX_VALUE},
            {1, Integer.MAX_VALUE}, {4_000_000, 3}, {3_000_000, 4}, {Integer.MAX_VALUE, 2}}) {
            BigInteger count = nb[1] < 1000 || nb[0] < 1000 ? Multisets.count(nb[0], Math.min(nb[1], 1000)) : null;
            long expected = nb[0] == 1 ? 1 : nb[0] == 2 ? (long) nb[1] + 1
                : count.bitLength() > 63 ? -1 : count.longValueExact();
            assertEquals(expected, MultisetRanking.exactCount(nb[0], nb[1]), Arrays.toString(nb));
        }
    }

    @Example
    void hugeBatchesAreRefusedAtOnceWithAShortCount() {
        // C(2^20 + b - 1, b) for b = 2^31 - 1: ~10^(6.9e6); the walk stops at the first partial count past 2^63
        long started = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new MultisetRanking(1 << 20, Integer.MAX_VALUE));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "refused in under a second");
        assertTrue(e.getMessage().length() < 250, e.getMessage());
        // log10 C(n, k) = Σ_{i<k} log10((n-i)/(k-i)) for k = N-1 = 2^20-1 terms, independent of the log-gamma in the code
        double log10 = 0;
        long n = (1L << 20) - 1 + Integer.MAX_VALUE;
        long k = (1 << 20) - 1;
        for (long i = 0; i < k; i++) {
            log10 += Math.log10((double) (n - i) / (k - i));
        }
        long exponent = (long) Math.floor(log10);
        assertTrue(e.getMessage().contains("e" + exponent + " batches"), e.getMessage() + " vs 10^" + log10);
        double mantissa = Double.parseDouble(e.getMessage().replaceAll(".* ~ ([0-9.]+)e.*", "$1"));
        // the sum above loses about 1e6 ulps of log10 (2e-10 relative), log-gamma a few ulps: 3 digits agree
        assertEquals(Math.pow(10, log10 - exponent), mantissa, 0.006);
    }

    @Example
    void theCountTableHoldsEveryMultisetCount() {
        MultisetRanking r = new MultisetRanking(7, 5);
        assertEquals(7, r.items());
        assertEquals(5, r.size());
        long[] table = r.table();
        for (int m = 0; m <= 7; m++) {
            for (int k = 0; k <= 5; k++) {
                long expected = m == 0 && k > 0 ? 0 : Multisets.count(m, k).longValueExact();
                assertEquals(expected, r.count(m, k), "M(" + m + ", " + k + ")");
                assertEquals(expected, table[m * 6 + k]);
            }
        }
        table[0] = 99;
        assertEquals(1, r.count(0, 0), "table() is a copy");
    }

    @Example
    void rankTablesBeyondTheHeapAreRefused() {
        // N = 2, b = 5e8: 500,000,001 batches, but 3·(b+1) longs (12 GB) of table
        assumeTrue(8L * 3 * 500_000_001 > Runtime.getRuntime().maxMemory());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultisetRanking(2, 500_000_000));
        assertTrue(e.getMessage().startsWith("the rank table ((N+1)(b+1) longs, N=2, b=500000000) needs about 11.2 GiB"),
            e.getMessage());
    }

    @Example
    void figureSixSpaceHas167960Batches() {
        MultisetRanking r = new MultisetRanking(12, 9);
        assertEquals(167_960, r.count());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 1}, r.unrank(1));
        assertArrayEquals(fill(9, 11), r.unrank(167_959));
    }

    @Example
    void invalidInputsAreRejected() {
        MultisetRanking r = new MultisetRanking(4, 3);
        assertThrows(IllegalArgumentException.class, () -> r.rank(new int[] {2, 1, 3}));
        assertThrows(IllegalArgumentException.class, () -> r.rank(new int[] {0, 1, 4}));
        assertThrows(IllegalArgumentException.class, () -> r.rank(new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> r.unrank(r.count()));
        assertThrows(IllegalArgumentException.class, () -> r.unrank(-1));
        assertThrows(IllegalArgumentException.class, () -> r.fromCounts(new int[] {1, 1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new MultisetRanking(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new MultisetRanking(3, 0));
        assertThrows(IllegalArgumentException.class, () -> r.unrank(0, new int[2]));
        assertThrows(IllegalArgumentException.class, () -> r.successorCounts(new int[3]));
        assertThrows(IllegalArgumentException.class, () -> r.toCounts(new int[] {3, 1, 0}));
        assertThrows(IllegalArgumentException.class, () -> r.fromCounts(new int[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> r.fromCounts(new int[] {2, 2, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> r.fromCounts(new int[] {4, -1, 0, 0}));
    }

    @Example
    void rankMatchesPythonItertoolsOrder() {
        // itertools.combinations_with_replacement(range(3), 2): (0,0) (0,1) (0,2) (1,1) (1,2) (2,2)
        MultisetRanking r = new MultisetRanking(3, 2);
        List<int[]> expected = List.of(new int[] {0, 0}, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 1},
            new int[] {1, 2}, new int[] {2, 2});
        List<int[]> actual = new ArrayList<>();
        int[] t = r.unrank(0);
        do {
            actual.add(t.clone());
        } while (r.successor(t));
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i));
        }
    }

    private static int[] fill(int size, int value) {
        int[] a = new int[size];
        Arrays.fill(a, value);
        return a;
    }
}
