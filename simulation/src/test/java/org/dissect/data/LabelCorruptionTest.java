package org.dissect.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelCorruptionTest {
    private static int[] labels(int n, int classes, UniformRandomProvider rng) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }

    /** p = percent/100 as the user types it; ⌊pN⌋ = ⌊percent·N/100⌋ in integers. */
    @Property(tries = 300)
    void flipChangesExactlyFloorPNLabelsAndKeepsTheOthers(@ForAll @IntRange(min = 0, max = 3000) int n,
                                                         @ForAll @IntRange(min = 2, max = 50) int classes,
                                                         @ForAll @IntRange(min = 0, max = 100) int percent, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] clean = labels(n, classes, rng);
        // percent/100.0 is correctly rounded: the same double as the decimal the user types
        double p = percent / 100.0;
        LabelCorruption.Corrupted c = LabelCorruption.FLIP.apply(clean, classes, p, rng);
        int expected = percent * n / 100;
        assertEquals(expected, c.drawn().length);
        assertEquals(expected, c.changed(clean), "flip never keeps a label");
        Set<Integer> drawn = new HashSet<>();
        for (int i : c.drawn()) {
            assertTrue(drawn.add(i), "without replacement");
            assertNotEquals(clean[i], c.labels()[i]);
        }
        for (int i = 0; i < n; i++) {
            assertTrue(c.labels()[i] >= 0 && c.labels()[i] < classes);
            if (!drawn.contains(i)) {
                assertEquals(clean[i], c.labels()[i]);
            }
        }
    }

    @Property(tries = 200)
    void uniformRedrawsExactlyFloorPNLabelsAndKeepsTheOthers(@ForAll @IntRange(min = 0, max = 3000) int n,
                                                           @ForAll @IntRange(min = 2, max = 50) int classes,
                                                           @ForAll @IntRange(min = 0, max = 100) int percent, @ForAll long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] clean = labels(n, classes, rng);
        LabelCorruption.Corrupted c = LabelCorruption.UNIFORM.apply(clean, classes, percent / 100.0, rng);
        assertEquals(percent * n / 100, c.drawn().length);
        Set<Integer> drawn = new HashSet<>();
        for (int i : c.drawn()) {
            assertTrue(drawn.add(i));
        }
        for (int i = 0; i < n; i++) {
            if (!drawn.contains(i)) {
                assertEquals(clean[i], c.labels()[i]);
            }
        }
    }

    /** 60,000 labels fully corrupted: flip moves class 0 uniformly over the 9 others, uniform keeps about a tenth. */
    @Test
    void theNewLabelsAreUniform() {
        int n = 60_000;
        int[] clean = new int[n];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        int[] flipped = LabelCorruption.FLIP.apply(clean, 10, 1, rng).labels();
        int[] counts = new int[10];
        for (int y : flipped) {
            counts[y]++;
        }
        assertEquals(0, counts[0]);
        // each of the 9 others: binomial(60000, 1/9), standard deviation 77; 5 sigma
        for (int k = 1; k < 10; k++) {
            assertEquals(n / 9.0, counts[k], 5 * 77);
        }
        int kept = 0;
        for (int y : LabelCorruption.UNIFORM.apply(clean, 10, 1, rng).labels()) {
            kept += y == 0 ? 1 : 0;
        }
        // binomial(60000, 1/10): standard deviation 73
        assertEquals(n / 10.0, kept, 5 * 73);
    }

    @ParameterizedTest
    @CsvSource({"0.29, 100, 29", "0.57, 100, 57", "0.1, 10, 1", "0.3, 10, 3", "0.7, 1000, 700", "1, 7, 7", "0, 7, 0",
        "0.999999, 1000000, 999999", "0.5, 1, 0"})
    void theCountIsFloorOfTheDecimalTimesN(double p, int n, int expected) {
        assertEquals(expected, LabelCorruption.count(p, n));
    }

    @Test
    void aFractionOutsideTheUnitIntervalIsRefused() {
        for (double p : new double[] {-0.1, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelCorruption.FLIP.apply(new int[3], 2, p, RandomSource.XO_RO_SHI_RO_128_PP.create(1)));
            assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        }
    }
}
