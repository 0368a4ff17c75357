package org.dissect.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dissect.io.BadInputException;

/**
 * The values of one numeric sweep option, from its text: a comma-separated list of items, each a number or an
 * inclusive range {@code from:to} (step 1) or {@code from:to:step}. {@code 2,3,5}, {@code 2:5} (2, 3, 4, 5) and
 * {@code 0.1:0.5:0.2} (0.1, 0.3, 0.5) are grids; repeated values are kept once, in their first position. A range's
 * i-th value is {@code from + i·step}, computed in decimal so that {@code 0.1:0.5:0.2} ends exactly at 0.5.
 * Everything else (an empty item, {@code 2:}, {@code 5:2}, a step that is not positive, a value below the
 * option's minimum, more than {@link #MAX_VALUES} values) is a {@link BadInputException} naming the option.
 */
public final class Grid {
    /** The most values one option may list: beyond it the sweep would not be one run anyway. */
    public static final int MAX_VALUES = 100_000;

    private Grid() {
    }

    /**
     * @param option the option, for messages ({@code --classes})
     * @param text its value
     * @param min the smallest value allowed
     * @return the values, in order, without repeats
     * @throws BadInputException if the text does not parse or a value is below {@code min} or beyond the int range
     */
    public static int[] integers(String option, String text, int min) {
        List<BigDecimal> values = values(option, text);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            BigDecimal v = values.get(i);
            if (v.stripTrailingZeros().scale() > 0) {
                throw new BadInputException(option + ": " + v.toPlainString() + " is not a whole number (in '" + text + "')");
            }
            if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new BadInputException(option + " must be at least " + min + " (and at most 2^31-1), got "
                    + v.toPlainString() + " (in '" + text + "')");
            }
            out[i] = v.intValueExact();
        }
        return out;
    }

    /**
     * @param option the option, for messages
     * @param text its value
     * @return the values, in order, without repeats, each finite and positive
     * @throws BadInputException if the text does not parse or a value is not a finite positive double
     */
    public static double[] positives(String option, String text) {
        List<BigDecimal> values = values(option, text);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            double v = values.get(i).doubleValue();
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new BadInputException(option + " must be finite and positive, got " + values.get(i).toPlainString()
                    + " (in '" + text + "')");
            }
            out[i] = v;
        }
        return out;
    }

    private static List<BigDecimal> values(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException(option + ": empty value; expected a list a,b,c or a range from:to");
        }
        Set<BigDecimal> values = new LinkedHashSet<>();
        for (String item : text.split(",", -1)) {
            String[] parts = item.trim().split(":", -1);
            if (parts.length > 3) {
                throw bad(option, item, text);
            }
            BigDecimal from = number(option, parts[0], item, text);
            if (parts.length == 1) {
                add(option, values, from);
                continue;
            }
            BigDecimal to = number(option, parts[1], item, text);
            BigDecimal step = parts.length == 3 ? number(option, parts[2], item, text) : BigDecimal.ONE;
            if (step.signum() <= 0) {
                throw new BadInputException(option + ": the step of '" + item.trim() + "' must be positive");
            }
            if (from.compareTo(to) > 0) {
                throw new BadInputException(option + ": the range '" + item.trim() + "' is empty (from > to); write it as "
                    + to.toPlainString() + ":" + from.toPlainString());
            }
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                add(option, values, v);
            }
        }
        return new ArrayList<>(values);
    }

    private static void add(String option, Set<BigDecimal> values, BigDecimal v) {
        values.add(v.stripTrailingZeros());
        if (values.size() > MAX_VALUES) {
            throw new BadInputException(option + " lists more than " + MAX_VALUES + " values");
        }
    }

    private static BigDecimal number(String option, String part, String item, String text) {
        String s = part.trim();
        if (s.isEmpty() || s.length() > 40) {
            throw bad(option, item, text);
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw bad(option, item, text);
        }
    }

    private static BadInputException bad(String option, String item, String text) {
        return new BadInputException(option + ": '" + item.trim() + "' in '" + text
            + "' is not a number or a range from:to[:step] (a list is a,b,c; a range 2:5 includes both ends)");
    }
}
