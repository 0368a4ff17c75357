package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        -Double.MIN_VALUE, -1.0, -Double.MAX_VALUE})
    void positiveRejectsNanInfinitiesZeroAndNegativesNamingTheParameter(double bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Checks.positive("radius rho", bad));
        assertTrue(e.getMessage().contains("radius rho"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one-line message");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.07, 1.0, 1e300, Double.MAX_VALUE})
    void positiveReturnsEveryFinitePositiveValueUnchanged(double good) {
        assertEquals(good, Checks.positive("x", good));
    }

    @Property(tries = 200)
    void positiveAcceptsExactlyTheFinitePositiveDoubles(@ForAll double x) {
        boolean legal = x > 0 && x < Double.POSITIVE_INFINITY;
        if (legal) {
            assertEquals(x, Checks.positive("lambda", x));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.positive("lambda", x));
            assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void finiteRejectsNanAndInfinitiesNamingTheParameter(double bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.finite("offset", bad));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void finiteAcceptsZeroNegativesAndExtremes() {
        for (double x : new double[] {0.0, -0.0, -1.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE}) {
            assertEquals(x, Checks.finite("x", x));
        }
    }

    @Property(tries = 100)
    void atLeastAcceptsValuesFromTheMinimumUpAndRejectsSmallerOnes(
            @ForAll @IntRange(min = -1000, max = 1000) int value, @ForAll @IntRange(min = -1000, max = 1000) int min) {
        if (value >= min) {
            assertEquals(value, Checks.atLeast("batch size b", value, min));
            assertEquals((long) value, Checks.atLeast("batch size b", (long) value, (long) min));
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.atLeast("batch size b", value, min));
            assertTrue(e.getMessage().contains("batch size b") && e.getMessage().contains(String.valueOf(value)),
                e.getMessage());
        }
    }

    @Test
    void simplexFitsAcceptsKUpToHPlusOneAndRejectsLargerKMentioningTheDimension() {
        for (int h = 1; h <= 20; h++) {
            for (int k = 1; k <= h + 1; k++) {
                Checks.simplexFits(k, h);
            }
            int tooMany = h + 2;
            int dim = h;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.simplexFits(tooMany, dim));
            assertTrue(e.getMessage().contains("dimension"), e.getMessage());
            assertTrue(e.getMessage().contains("h >= K-1 = " + (h + 1) + ", got h=" + h), e.getMessage());
        }
    }

    @Property(tries = 60)
    void balancedReturnsTheClassSizeOfAnyShuffledBalancedLabelling(
            @ForAll @IntRange(min = 1, max = 20) int classes, @ForAll @IntRange(min = 0, max = 30) int perClass,
            @ForAll long seed) {
        int[] labels = shuffledBalanced(classes, perClass, Reference.rng(seed));
        assertEquals(perClass, Checks.balanced(labels, classes));
    }

    @Property(tries = 60)
    void balancedRejectsALabellingWithOneLabelMovedToAnotherClassInOneLine(
            @ForAll @IntRange(min = 2, max = 20) int classes, @ForAll @IntRange(min = 1, max = 30) int perClass,
            @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int[] labels = shuffledBalanced(classes, perClass, rng);
        int i = rng.nextInt(labels.length);
        labels[i] = (labels[i] + 1 + rng.nextInt(classes - 1)) % classes;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.balanced(labels, classes));
        assertTrue(e.getMessage().contains("unbalanced"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one-line message");
    }

    @Property(tries = 60)
    void balancedRejectsALabelOutsideTheClassRangeInOneLine(
            @ForAll @IntRange(min = 1, max = 20) int classes, @ForAll @IntRange(min = 1, max = 30) int perClass,
            @ForAll @IntRange(min = 1, max = 1000) int overshoot, @ForAll boolean negative, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int[] labels = shuffledBalanced(classes, perClass, rng);
        int bad = negative ? -overshoot : classes - 1 + overshoot;
        labels[rng.nextInt(labels.length)] = bad;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.balanced(labels, classes));
        assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        assertTrue(e.getMessage().contains("outside 0.." + (classes - 1)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one-line message");
    }

    @Property(tries = 60)
    void classCountsEqualsADirectTally(@ForAll @IntRange(min = 1, max = 10) int classes,
                                       @ForAll @IntRange(min = 0, max = 50) int size, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = rng.nextInt(classes);
        }
        int[] counts = Checks.classCounts(labels, classes);
        for (int y = 0; y < classes; y++) {
            int tally = 0;
            for (int label : labels) {
                tally += label == y ? 1 : 0;
            }
            assertEquals(tally, counts[y], "class " + y);
        }
    }

    @Property(tries = 200)
    void finiteAcceptsExactlyTheFiniteDoubles(@ForAll double x) {
        if (Double.isFinite(x)) {
            assertEquals(x, Checks.finite("x", x));
        } else {
            assertThrows(IllegalArgumentException.class, () -> Checks.finite("x", x));
        }
    }

    private static int[] shuffledBalanced(int classes, int perClass, UniformRandomProvider rng) {
        int[] labels = Reference.balancedLabels(classes, perClass);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }

    /**
     * allocatable: an array longer than the JVM allows, or more bytes than the heap limit, is a one-line
     * IllegalArgumentException naming what is allocated; sizes at the limits pass.
     */
    @Test
    void allocatableRejectsArraysBeyondTheJvmLimitAndBytesBeyondTheHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        Checks.allocatable("x", Checks.MAX_ARRAY_LENGTH, 0);
        Checks.allocatable("x", 1, heap);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Checks.allocatable("counts (b=7)", Checks.MAX_ARRAY_LENGTH + 1L, 0));
        assertTrue(e.getMessage().startsWith("counts (b=7) needs an array of 2147483640 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Checks.allocatable("counts (b=7)", 1, Math.nextUp((double) heap)));
        assertTrue(e.getMessage().startsWith("counts (b=7) needs about") && e.getMessage().contains("heap limit of " + heap),
            e.getMessage());
        // class counts for K = 2^31 - 1 classes: the int array is refused instead of an OutOfMemoryError
        assertThrows(IllegalArgumentException.class, () -> Checks.classCounts(new int[0], Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Checks.classCounts(new int[0], -1));
        assertEquals(0, Checks.classCounts(new int[0], 0).length);
    }
}
