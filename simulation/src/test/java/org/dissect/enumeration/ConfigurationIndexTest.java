package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every ordered class-count vector maps, through its additive code, to its sorted configuration. */
class ConfigurationIndexTest {
    @ParameterizedTest(name = "K={0}, b={1}")
    @CsvSource({"1,5", "2,2", "3,9", "4,6", "6,4", "5,12", "2,80", "3,30"})
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
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("3972999029388 label configurations"),
            e.getMessage());
    }

    @ParameterizedTest(name = "p_{1}({0}) = {2}")
    @CsvSource({"9,3,12", "10,10,42", "20,20,627", "100,100,190569292", "8,2,5", "5,1,1", "0,3,1"})
    void partitionCountsMatchTheTables(int batch, int classes, long expected) {
        assertEquals(expected, ConfigurationIndex.partitionCount(batch, classes));
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
