package org.dissect.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a computation really ran: the one value every engine reports and every command prints, the same way.
 * JSON (every {@code --json} command, every manifest): {@code "engine": {"kind": "blas", "device": "OpenBLAS 0.3.31
 * (Zen kernels), 2 threads", "fallback": null}}; text: {@code blas on OpenBLAS 0.3.31 (Zen kernels), 2 threads}, with
 * {@code  (fallback: REASON)} appended when the engine asked for could not run and this one did the work.
 *
 * @param kind the engine that did the work (never {@link Engine#AUTO})
 * @param device what it ran on, e.g. {@code "2 Java threads"}, an OpenCL device, the OpenBLAS build and threads
 * @param fallback why the engine asked for did not run (the work then ran on {@code kind}), or null
 */
public record RanOn(Engine kind, String device, String fallback) {
    /** Rejects {@link Engine#AUTO}, which is a choice, not an engine. */
    public RanOn {
        if (kind == Engine.AUTO) {
            throw new IllegalArgumentException("auto is a choice, not an engine that ran");
        }
    }

    /**
     * @param threads Java threads, at least 1
     * @return {@code java} on {@code "1 Java thread"} or {@code "T Java threads"}, no fallback
     */
    public static RanOn java(int threads) {
        return new RanOn(Engine.JAVA, threads(threads), null);
    }

    /**
     * @param threads Java threads
     * @return {@code "1 Java thread"} or {@code "T Java threads"}
     */
    public static String threads(int threads) {
        return threads + (threads == 1 ? " Java thread" : " Java threads");
    }

    /**
     * @param reason why the engine asked for did not run
     * @return this report, with that reason
     */
    public RanOn withFallback(String reason) {
        return new RanOn(kind, device, reason);
    }

    /**
     * @return the JSON form (Jackson writes a {@code RanOn} as this map): {@code kind}, {@code device},
     *         {@code fallback} (null when none), in that order
     */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.label());
        m.put("device", device);
        m.put("fallback", fallback);
        return m;
    }

    /** @return the text form: {@code KIND on DEVICE}, then {@code  (fallback: REASON)} if any */
    @Override
    public String toString() {
        return kind.label() + " on " + device + (fallback == null ? "" : " (fallback: " + fallback + ")");
    }
}
