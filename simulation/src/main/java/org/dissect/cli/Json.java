package org.dissect.cli;

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
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
