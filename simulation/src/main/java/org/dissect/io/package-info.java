/**
 * Reading the toolkit's input files (labelled-point CSV files, NumPy {@code .npy} arrays), with every defect
 * reported as a one-line {@link org.dissect.io.MalformedInputException}: {@code FILE:LINE: reason}, or
 * {@code FILE: reason} for the file as a whole. Independent of the command line.
 */
package org.dissect.io;
