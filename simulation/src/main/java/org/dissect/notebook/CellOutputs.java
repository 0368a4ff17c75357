package org.dissect.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Jupyter outputs of one code cell, in the order the cell produced them: {@code stream} outputs
 * (stdout, stderr), {@code display_data} images, then the {@code execute_result} of the cell's last
 * expression or an {@code error}. Thread-safe: snippets run on JShell's execution thread, and any
 * thread they start may print.
 *
 * <p>Bytes written to one stream accumulate until the other stream is written or a figure or result
 * is added; they are then decoded as UTF-8 into one {@code stream} output (merged with the previous
 * output when that is a stream of the same name), so interleaving is kept at the granularity of
 * switches.
 */
final class CellOutputs implements Display.Sink {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ArrayNode outputs = JSON.arrayNode();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String pendingName;

    /**
     * An output stream that appends to the current cell's outputs (or discards what is written between
     * cells): what the runner installs as {@code System.out} and {@code System.err}.
     */
    static final class Channel extends OutputStream {
        private final String name;
        private volatile CellOutputs target;

        /** @param name the Jupyter stream name, stdout or stderr */
        Channel(String name) {
            this.name = name;
        }

        /** @param outputs the cell now executing, or null between cells */
        void target(CellOutputs outputs) {
            target = outputs;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellOutputs t = target;
            if (t != null) {
                t.stream(name, b, off, len);
            }
        }
    }

    synchronized void stream(String name, byte[] b, int off, int len) {
        if (!name.equals(pendingName)) {
            flush();
            pendingName = name;
        }
        pending.write(b, off, len);
    }

    @Override
    public synchronized void png(byte[] png, int width, int height) {
        flush();
        ObjectNode o = outputs.addObject();
        o.put("output_type", "display_data");
        ObjectNode data = o.putObject("data");
        data.put("image/png", Base64.getEncoder().encodeToString(png));
        data.put("text/plain", "<Figure size " + width + "x" + height + ">");
        o.putObject("metadata");
    }

    /**
     * Adds the value of the cell's last expression.
     *
     * @param executionCount the cell's execution count
     * @param text the value as JShell prints it
     */
    synchronized void result(int executionCount, String text) {
        flush();
        ObjectNode o = outputs.addObject();
        o.put("output_type", "execute_result");
        o.put("execution_count", executionCount);
        o.putObject("data").set("text/plain", lines(text));
        o.putObject("metadata");
    }

    /**
     * Adds the error that stopped the cell.
     *
     * @param error the error
     */
    synchronized void error(CellError error) {
        flush();
        ObjectNode o = outputs.addObject();
        o.put("output_type", "error");
        o.put("ename", error.ename());
        o.put("evalue", error.evalue());
        ArrayNode tb = o.putArray("traceback");
        error.traceback().forEach(tb::add);
    }

    /** @return the outputs so far (pending stream bytes included) */
    synchronized ArrayNode outputs() {
        flush();
        return outputs.deepCopy();
    }

    private void flush() {
        if (pending.size() == 0) {
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        ObjectNode last = outputs.size() == 0 ? null : (ObjectNode) outputs.get(outputs.size() - 1);
        if (last != null && last.path("output_type").asText().equals("stream") && last.path("name").asText().equals(pendingName)) {
            StringBuilder s = new StringBuilder();
            last.get("text").forEach(line -> s.append(line.asText()));
            last.set("text", lines(s.append(text).toString()));
            return;
        }
        ObjectNode o = outputs.addObject();
        o.put("output_type", "stream");
        o.put("name", pendingName);
        o.set("text", lines(text));
    }

    /** Splits text into Jupyter's list-of-lines form: every element but the last ends with a newline. */
    static ArrayNode lines(String text) {
        ArrayNode a = JSON.arrayNode();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            a.add(text.substring(start, end));
            start = end;
        }
        return a;
    }
}
