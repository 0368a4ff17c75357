/**
 * Readers of input files for the command line and the simulations. Every defect of a file is a
 * {@link org.dissect.io.MalformedInputException} (an {@link java.lang.IllegalArgumentException})
 * with a one-line message {@code "FILE: reason"}.
 */
package org.dissect.io;
