package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every ordered class-count vector maps, through its additive code, to its sorted configuration. */
class ConfigurationIndexTest {
    @ParameterizedTest(name = "K={0}, b={1}")
    @CsvSource({"1,5", "2,2", "3,9", "4,6", "6,4", "5,12", "2,80", "3,30", "3,90", "4,40"})
    void everyCountVectorFindsItsConfiguration(int classes, int batch) {
        ConfigurationIndex index = new ConfigurationIndex(classes, batch);
        Set<String> seen = new HashSet<>();
        int[] counts = new int[classes];
        visit(index, counts, 0, batch, seen);
        assertEquals(index.size(), seen.size(), "every configuration reached");
    }

    @Test
    void figureSixHasTwelveConfigurations() {
        assertEquals(12, new ConfigurationIndex(3, 9).size());
        assertArrayEquals(new int[] {9, 0, 0}, new ConfigurationIndex(3, 9).counts(0));
    }

    @Test
    void tooManyConfigurationsAreRefusedBeforeAnyIsListed() {
        // p(200) = 3,972,999,029,388
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfigurationIndex(200, 200));
        assertTrue(e.getMessage().startsWith("3972999029388 label configurations"),
            e.getMessage());
    }

    @ParameterizedTest(name = "p_{1}({0}) = {2}")
    @CsvSource({"9,3,12", "10,10,42", "20,20,627", "100,100,190569292", "8,2,5", "5,1,1", "0,3,1"})
    void partitionCountsMatchTheTables(int batch, int classes, long expected) {
        assertEquals(expected, ConfigurationIndex.partitionCount(batch, classes));
    }

    @Test
    void hugeBatchesAreRefusedWithoutTablesOfBEntries() {
        Duration quickly = Duration.ofSeconds(5);
        // K ≥ 2, b ≥ 2^21: more than p_2(b) = b/2 + 1 > 2^20 configurations
        IllegalArgumentException two = assertTimeoutPreemptively(quickly,
            () -> assertThrows(IllegalArgumentException.class, () -> new ConfigurationIndex(2, Integer.MAX_VALUE)));
        assertTrue(two.getMessage().startsWith("more than 1048576 label configurations for K=2, b=2147483647"),
            two.getMessage());
        IllegalArgumentException wide = assertTimeoutPreemptively(quickly,
            () -> assertThrows(IllegalArgumentException.class, () -> new ConfigurationIndex(1000, 1 << 21)));
        assertTrue(wide.getMessage().startsWith("more than 1048576 label configurations for K=1000"), wide.getMessage());
        // K = 1: one configuration, but a code table of K(b+1) = 2^31 entries
        IllegalArgumentException one = assertTimeoutPreemptively(quickly,
            () -> assertThrows(IllegalArgumentException.class, () -> new ConfigurationIndex(1, Integer.MAX_VALUE)));
        assertTrue(one.getMessage().startsWith("the label code table (K(b+1) entries, K=1, b=2147483647) needs 2.15e9"),
            one.getMessage());
        // many classes and a large batch: the partition count saturates after a few parts
        IllegalArgumentException many = assertTimeoutPreemptively(quickly,
            () -> assertThrows(IllegalArgumentException.class, () -> new ConfigurationIndex(1 << 20, (1 << 21) - 1)));
        assertTrue(many.getMessage().startsWith("more than 9e18 label configurations"), many.getMessage());
    }

    @Test
    void codeTablesBeyondTheHeapAreRefusedBeforeTheyAreAllocated() {
        // K = 1, b = 2^31 - 10: one configuration, but two code tables of 2^31 - 9 longs (34 GB)
        assumeTrue(ConfigurationIndex.bytesNeeded(1, Integer.MAX_VALUE - 9) > Runtime.getRuntime().maxMemory());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new ConfigurationIndex(1, Integer.MAX_VALUE - 9));
        assertTrue(e.getMessage().startsWith("the label configurations of K=1, b=2147483638 needs about 32.0 GiB"),
            e.getMessage());
    }

    @Test
    void theHashTableIsAPowerOfTwoAtMostHalfFull() {
        ConfigurationIndex index = new ConfigurationIndex(5, 12);
        assertEquals(1 << index.bits(), index.keys().length);
        assertEquals(index.keys().length, index.values().length);
        int used = 0;
        for (int slot = 0; slot < index.keys().length; slot++) {
            if (index.keys()[slot] != -1) {
                used++;
                assertEquals(index.values()[slot], index.lookup(index.keys()[slot]));
            }
        }
        assertEquals(index.size(), used, "one key per configuration (by multiplicity)");
        assertTrue(2 * used <= index.keys().length);
    }

    @Test
    void oneClassHasOneConfigurationForAnyBatch() {
        // b = 100,000 > 62: one code per ordered count vector (there is one)
        ConfigurationIndex index = new ConfigurationIndex(1, 100_000);
        assertEquals(1, index.size());
        assertArrayEquals(new int[] {100_000}, index.counts(0));
        long code = 0;
        for (int l = 0; l < 100_000; l++) {
            code += index.codeDelta()[l];
        }
        assertEquals(0, index.lookup(code));
        assertEquals(1, ConfigurationIndex.configurationCount(1, 100_000));
    }

    @Test
    void twoClassesHaveHalfTheBatchPlusOneConfigurations() {
        // p_2(b) = ⌊b/2⌋ + 1: (b,0), (b-1,1), ..., (⌈b/2⌉,⌊b/2⌋)
        assertEquals(501, new ConfigurationIndex(2, 1000).size());
        assertEquals(1 << 20, ConfigurationIndex.configurationCount(2, (1 << 21) - 1));
        assertThrows(IllegalArgumentException.class, () -> ConfigurationIndex.configurationCount(2, 1 << 21));
    }

    @ParameterizedTest(name = "p_{1}({0}) saturates")
    @CsvSource({"1000,1000", "100000,100000", "2097151,2097151"})
    void partitionCountsBeyondTheLongRangeSaturateQuickly(int batch, int classes) {
        // p(1000) = 2.4e31
        assertEquals(Long.MAX_VALUE, assertTimeoutPreemptively(Duration.ofSeconds(5),
            () -> ConfigurationIndex.partitionCount(batch, classes)));
    }

    /**
     * The estimate against the bytes really allocated (HotSpot's per-thread count): code tables of K(b+1) longs, or
     * the configurations and the hash table. The configurations' list grows by copying and the recursion clones
     * partial counts: within 30%.
     */
    @ParameterizedTest(name = "K={0}, b={1}")
    @CsvSource({"1,200000", "6,30", "60,30", "2,60000"})
    void theFootprintMatchesTheAllocations(int classes, int batch) {
        long measured = org.dissect.enumeration.Allocations.measure(() -> new ConfigurationIndex(classes, batch));
        long estimate = ConfigurationIndex.bytesNeeded(classes, batch);
        assertEquals(1, (double) measured / estimate, 0.3, measured + " allocated, " + estimate + " estimated");
    }

    private static void visit(ConfigurationIndex index, int[] counts, int y, int remaining, Set<String> seen) {
        if (y == counts.length - 1) {
            counts[y] = remaining;
            long code = 0;
            int[] level = new int[counts.length];
            for (int c = 0; c < counts.length; c++) {
                for (int l = 0; l < counts[c]; l++) {
                    code += index.codeDelta()[c * (sum(counts) + 1) + level[c]];
                    level[c]++;
                }
            }
            int[] sorted = counts.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length / 2; i++) {
                int t = sorted[i];
                sorted[i] = sorted[sorted.length - 1 - i];
                sorted[sorted.length - 1 - i] = t;
            }
            assertArrayEquals(sorted, index.counts(index.lookup(code)), Arrays.toString(counts));
            seen.add(Arrays.toString(sorted));
            return;
        }
        for (int c = 0; c <= remaining; c++) {
            counts[y] = c;
            visit(index, counts, y + 1, remaining - c, seen);
        }
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }
}
