package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.dissect.descent.ScMode;
import org.dissect.io.BadInputException;
import org.dissect.theory.SupervisedContrastiveBound;
import picocli.CommandLine.Model.CommandSpec;

/** Parsing of the options the simulation commands share, and their common output. */
final class Options {
    private Options() {
    }

    static ScMode mode(String name) {
        try {
            return ScMode.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown mode '" + name + "': expected exact, sampled or full");
        }
    }

    static int threads(int threads) {
        return atLeast("--threads", threads, 1);
    }

    /**
     * @param option the option's name, e.g. {@code --classes}
     * @param value its value
     * @param min the smallest value allowed
     * @return the value
     * @throws BadInputException naming the option if the value is smaller
     */
    static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw new BadInputException(option + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /**
     * A size that is the product of two options, such as N = K·n, which must fit the int arrays it sizes.
     *
     * @return {@code a·b}
     * @throws BadInputException naming both options if the product exceeds {@code 2^31-1}
     */
    static int product(String optionA, int a, String optionB, int b) {
        long p = (long) a * b;
        if (p > Integer.MAX_VALUE) {
            throw new BadInputException(optionA + " " + a + " x " + optionB + " " + b + " = " + p
                + " is more than 2^31-1 = " + Integer.MAX_VALUE);
        }
        return (int) p;
    }

    /**
     * The Theorem 2 mean bound sums the weights {@code M_l/|𝔅|} that matter, about
     * {@link SupervisedContrastiveBound#meanBoundTerms()} terms at some 20-50 ns each; a sum beyond this many
     * terms (seconds) is refused before it starts. Only batches far larger than the data set reach it (the
     * class shares of a uniform multiset then spread over all of [0, 1]).
     */
    static final double MAX_MEAN_BOUND_TERMS = 1e8;

    /**
     * @param bound the Theorem 2 bound of the run
     * @return its mean bound, if it is affordable
     * @throws BadInputException naming {@code --batch} if the sum would take longer than seconds
     */
    static double meanBound(SupervisedContrastiveBound bound) {
        double terms = bound.meanBoundTerms();
        if (terms > MAX_MEAN_BOUND_TERMS) {
            throw new BadInputException(String.format(Locale.ROOT, "--batch %d: the Theorem 2 mean bound would sum %.3g terms "
                + "(minutes), more than %.0g; batches this much larger than N = %d are outside what dissect evaluates",
                bound.batch(), terms, MAX_MEAN_BOUND_TERMS, bound.size()));
        }
        return finite("the mean bound", bound.meanBound());
    }

    /**
     * No command prints a non-finite number as a result.
     *
     * @param what the quantity, for the message
     * @param value the result
     * @return the value
     * @throws BadInputException if it is infinite or NaN: the inputs lie where it cannot be represented
     */
    static double finite(String what, double value) {
        if (Double.isNaN(value)) {
            throw new BadInputException(what + " is undefined (NaN) for these inputs");
        }
        if (Double.isInfinite(value)) {
            throw new BadInputException(what + " is beyond the double range (" + value + ") for these inputs");
        }
        return value;
    }

    /**
     * Prints the result: one JSON object with {@code --json}, else a title and one aligned line per key
     * (a nested object on one line as {@code key=value} pairs; the full diagnostics only in the JSON form).
     */
    static void print(CommandSpec spec, boolean json, String title, Map<String, Object> result) {
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode node = Json.mapper().valueToTree(result);
        if (json) {
            Json.print(out, node);
            return;
        }
        Json.requireFinite("", node);
        out.println(title);
        for (Map.Entry<String, Object> e : result.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("diagnostics")) {
                continue;
            }
            out.printf("  %-26s %s%n", e.getKey(), text(v));
        }
        out.flush();
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.10g", d);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder s = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                s.append(s.length() == 0 ? "" : "  ").append(e.getKey()).append('=').append(text(e.getValue()));
            }
            return s.toString();
        }
        return String.valueOf(v);
    }
}
