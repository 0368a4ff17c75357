package org.dissect.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static final Dataset DIGITS = Datasets.digits();

    private static Split draw(Dataset d, int n, long seed) {
        return Split.draw(d, n, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    }

    @Property(tries = 40)
    void everyClassHasExactlyNTrainingImagesAndTheTestSplitIsTheRest(@ForAll @IntRange(min = 1, max = 174) int n,
                                                                        @ForAll long seed) {
        Split s = draw(DIGITS, n, seed);
        assertEquals(10 * n, s.trainSize());
        int[] counts = new int[10];
        for (int y : s.trainLabels()) {
            counts[y]++;
        }
        for (int c : counts) {
            assertEquals(n, c);
        }
        boolean[] seen = new boolean[DIGITS.size()];
        for (int i : s.train()) {
            assertTrue(!seen[i], "no row twice");
            seen[i] = true;
        }
        for (int i : s.test()) {
            assertTrue(!seen[i], "train and test are disjoint");
            seen[i] = true;
        }
        for (boolean b : seen) {
            assertTrue(b, "every row is in one split");
        }
        assertEquals(DIGITS.size() - 10 * n, s.testSize());
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        assertArrayEquals(draw(DIGITS, 50, 7).train(), draw(DIGITS, 50, 7).train());
        assertNotEquals(Arrays.toString(draw(DIGITS, 50, 7).train()), Arrays.toString(draw(DIGITS, 50, 8).train()));
    }

    @Test
    void theTrainingRowsAreNotInClassOrder() {
        int[] y = draw(DIGITS, 20, 1).trainLabels();
        int changes = 0;
        for (int i = 1; i < y.length; i++) {
            changes += y[i] != y[i - 1] ? 1 : 0;
        }
        // class by class would change label 9 times; a random order about 0.9·199 times
        assertTrue(changes > 100, "changes " + changes);
    }

    @Test
    void aDesignatedTestSetIsTheTestSplit() {
        double[] x = new double[12];
        int[] y = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        Dataset d = new Dataset("toy", x, 1, y, 2, 8);
        Split s = draw(d, 2, 3);
        assertArrayEquals(new int[] {8, 9, 10, 11}, s.test());
        for (int i : s.train()) {
            assertTrue(i < 8);
        }
    }

    @Test
    void aSplitLargerThanAClassIsRefusedNamingTheClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> draw(DIGITS, 175, 1));
        assertTrue(e.getMessage().contains("--per-class 175 is more than the 174 images of class 8"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> draw(DIGITS, 0, 1)).getMessage().contains("at least 1"));
        Dataset tiny = new Dataset("tiny", new double[4], 1, new int[] {0, 1, 0, 1}, 2, 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> draw(tiny, 2, 1)).getMessage().contains("no test images"));
    }
}
