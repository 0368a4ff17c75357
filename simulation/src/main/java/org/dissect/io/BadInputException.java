package org.dissect.io;

/** Bad user input detected by the command line or the runners (a file, a combination of options): exit 2, one line. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the one-line explanation */
    public BadInputException(String message) {
        super(message);
    }
}
