package org.dissect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.IOException;

/** JSON output: every {@code --json} command prints exactly one object on stdout. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** @return a new empty object whose keys keep their insertion order */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @return the shared mapper (pretty printing on) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Prints the object and a newline.
     *
     * @param out where to print
     * @param node the object
     */
    public static void print(PrintWriter out, ObjectNode node) {
        requireFinite("", node);
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * No command prints a non-finite number as a result: a NaN or an infinity anywhere in the object is refused
     * (exit 2), naming the field, instead of being printed as if it were an answer.
     *
     * @param path where the node sits, e.g. {@code diagnostics.nc1}; empty for the top
     * @param node the node and everything below it
     * @throws org.dissect.io.BadInputException naming the first non-finite field
     */
    public static void requireFinite(String path, JsonNode node) {
        if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            Options.finite(path.isEmpty() ? "the result" : path, node.asDouble());
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> requireFinite(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireFinite(path + "[" + i + "]", node.get(i));
            }
        }
    }
}
