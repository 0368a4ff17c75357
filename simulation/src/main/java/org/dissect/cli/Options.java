package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.dissect.descent.ScMode;
import org.dissect.io.BadInputException;
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
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }

    /**
     * Prints the result: one JSON object with {@code --json}, else a title and one aligned line per key
     * (a nested object on one line as {@code key=value} pairs; the full diagnostics only in the JSON form).
     */
    static void print(CommandSpec spec, boolean json, String title, Map<String, Object> result) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.mapper().valueToTree(result);
            Json.print(out, node);
            return;
        }
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
