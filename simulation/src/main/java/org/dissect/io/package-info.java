/**
 * Reading and writing the toolkit's input files, with defects reported as {@code FILE:LINE: reason}
 * ({@link org.dissect.io.MalformedInputException}). Independent of the command line.
 */
package org.dissect.io;
