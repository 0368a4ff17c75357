package org.dissect.io;

/**
 * An input file that cannot be read as what it should be (a malformed header, truncated data, a
 * non-finite value, an unsupported type). The message is one line, {@code "FILE: reason"}; the
 * command line prints it and exits with status 2.
 */
public class MalformedInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the one-line message, {@code "FILE: reason"} */
    public MalformedInputException(String message) {
        super(message);
    }
}
