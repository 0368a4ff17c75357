package org.dissect.notebook;

import java.util.List;

/**
 * The error that stopped a notebook: where it happened and what it was, in Jupyter's terms.
 *
 * @param codeCell the failing cell's number among the notebook's code cells, from 1
 * @param cell the failing cell's number among all the notebook's cells (markdown included), from 1
 * @param line the line within the cell's source, from 1; 0 if unknown
 * @param ename the error's name: an exception's class name, {@code CompilationError},
 *        {@code UnresolvedReference} or {@code CellTimeout}
 * @param evalue the error's message (may be empty)
 * @param traceback the lines of Jupyter's traceback: the diagnostics or the stack trace, with frames in
 *        notebook code given as {@code code cell C, line L}
 */
public record CellError(int codeCell, int cell, int line, String ename, String evalue, List<String> traceback) {
    /** Copies the traceback. */
    public CellError {
        traceback = List.copyOf(traceback);
    }

    /**
     * @return one line: {@code code cell 3 (cell 5 of the notebook), line 2: ename: evalue}, with any
     *         line breaks of the message folded
     */
    public String summary() {
        String message = evalue.isEmpty() ? ename : ename + ": " + evalue;
        return "code cell " + codeCell + " (cell " + cell + " of the notebook)" + (line > 0 ? ", line " + line : "")
            + ": " + message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
