package org.dissect.io;

/**
 * An input file whose content is wrong: the message is one line, {@code FILE:LINE: reason}, which the
 * command line prints as it is (exit status 2). An {@link IllegalArgumentException}, so callers that do not
 * care about the file position treat it like any other bad argument.
 */
public final class MalformedInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    /**
     * @param file the file as the user named it
     * @param line the 1-based line number, 0 for the file as a whole
     * @param reason what is wrong, one line
     */
    public MalformedInputException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** @return the file as the user named it */
    public String file() {
        return file;
    }

    /** @return the 1-based line number, 0 for the file as a whole */
    public int line() {
        return line;
    }

    /** @return what is wrong */
    public String reason() {
        return reason;
    }
}
