package org.dissect.notebook;

/**
 * A file that is not a Java notebook the runner can execute: missing, not JSON, not nbformat 4, or
 * written for another kernel language. The message is one line that names the file; the command
 * line prints it and exits with status 2 (bad input).
 */
public final class InvalidNotebookException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file and what is wrong with it */
    public InvalidNotebookException(String message) {
        super(message);
    }
}
