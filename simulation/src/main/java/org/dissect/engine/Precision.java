package org.dissect.engine;

import java.util.Locale;

/** The floating-point format of an engine's matrix products ({@code --precision}). */
public enum Precision {
    /** IEEE double throughout (the default and the reference). */
    DOUBLE,
    /**
     * IEEE single for the matrix products ({@code ssyrk}, {@code sgemm}: half the memory traffic, twice the SIMD
     * width); the softmax, the loss and the update stay in double.
     */
    FLOAT;

    /** @return the lower-case name the command line uses */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
