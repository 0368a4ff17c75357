package org.dissect.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.dissect.io.BadInputException;

/** Grids of one option: lists and inclusive ranges, against the values written out one by one. */
class GridProperties {
    @Property
    void aListGivesItsValuesInOrderWithoutRepeats(@ForAll @Size(min = 1, max = 12) List<@IntRange(min = 2, max = 50) Integer> values) {
        String text = values.stream().map(String::valueOf).collect(Collectors.joining(","));
        Set<Integer> expected = new LinkedHashSet<>(values);
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), Grid.integers("--classes", text, 2));
    }

    @Property
    void aRangeIncludesBothEnds(@ForAll @IntRange(min = -20, max = 40) int from, @ForAll @IntRange(min = 0, max = 30) int length,
                                @ForAll @IntRange(min = 1, max = 7) int step) {
        int to = from + length;
        List<Integer> expected = new ArrayList<>();
        for (int v = from; v <= to; v += step) {
            expected.add(v);
        }
        String text = from + ":" + to + (step == 1 ? "" : ":" + step);
        assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), Grid.integers("--x", text, Integer.MIN_VALUE));
    }

    @Property
    void listsAndRangesCombine(@ForAll @IntRange(min = 1, max = 9) int a, @ForAll @IntRange(min = 1, max = 9) int length) {
        int[] v = Grid.integers("--dim", a + "," + a + ":" + (a + length) + ",100", 1);
        assertEquals(length + 2, v.length, "the repeated " + a + " is kept once");
        assertEquals(a, v[0]);
        assertEquals(a + length, v[v.length - 2]);
        assertEquals(100, v[v.length - 1]);
    }

    @Property
    void aDecimalRangeEndsExactlyAtItsEnd(@ForAll @IntRange(min = 1, max = 50) int tenthsFrom, @ForAll @IntRange(min = 0, max = 30) int steps,
                                          @ForAll @IntRange(min = 1, max = 9) int tenthsStep) {
        double from = tenthsFrom / 10.0;
        String to = java.math.BigDecimal.valueOf(tenthsFrom + (long) steps * tenthsStep, 1).toPlainString();
        String step = java.math.BigDecimal.valueOf(tenthsStep, 1).toPlainString();
        double[] v = Grid.positives("--rho", from + ":" + to + ":" + step);
        assertEquals(steps + 1, v.length);
        for (int i = 0; i < v.length; i++) {
            // the i-th value is the double nearest to the decimal from + i*step
            assertEquals(Double.parseDouble(java.math.BigDecimal.valueOf(tenthsFrom + (long) i * tenthsStep, 1).toPlainString()), v[i], 0.0);
        }
    }

    @Example
    void malformedGridsAreOneLineErrorsNamingTheOption() {
        for (String bad : List.of("2:", ":3", "5:2", "a", "2,,3", "", "1:2:0", "1:2:-1", "1:2:3:4", "2.5")) {
            BadInputException e = assertThrows(BadInputException.class, () -> Grid.integers("--classes", bad, 2), bad);
            assertTrue(e.getMessage().startsWith("--classes"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        assertThrows(BadInputException.class, () -> Grid.integers("--classes", "1:3", 2), "below the minimum");
        assertThrows(BadInputException.class, () -> Grid.integers("--classes", "2:3000000000", 2), "beyond the int range");
        assertThrows(BadInputException.class, () -> Grid.integers("--classes", "1:200000", 1), "more than MAX_VALUES");
        assertThrows(BadInputException.class, () -> Grid.positives("--rho", "0,1"), "not positive");
        assertThrows(BadInputException.class, () -> Grid.positives("--rho", "1e400"), "not finite");
    }
}
