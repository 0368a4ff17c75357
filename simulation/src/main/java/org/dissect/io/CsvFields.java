package org.dissect.io;

import java.util.regex.Pattern;

/** The field syntax shared by the toolkit's CSV readers, with one-line {@code FILE:LINE: reason} errors. */
final class CsvFields {
    /** A finite decimal number: no NaN, no Infinity, no hexadecimal. */
    static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** An integer label. */
    static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private CsvFields() {
    }

    /**
     * Parses one coordinate.
     *
     * @param name the file as the user named it
     * @param line the 1-based line number
     * @param index the 1-based coordinate number, for the message
     * @param text the field
     * @return the value
     * @throws MalformedInputException if the field is empty, not a finite decimal number, or overflows
     */
    static double coordinate(String name, int line, int index, String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new MalformedInputException(name, line, "coordinate " + index + " is empty");
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new MalformedInputException(name, line, "coordinate " + index + " '" + abbreviate(t)
                + "' is not a finite decimal number");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new MalformedInputException(name, line, "coordinate " + index + " '" + abbreviate(t) + "' overflows a double");
        }
        return v;
    }

    static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }
}
