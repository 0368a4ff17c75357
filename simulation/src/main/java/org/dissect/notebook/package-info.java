/**
 * Jupyter notebooks in Java without a Java Jupyter kernel: {@link org.dissect.notebook.NotebookRunner}
 * evaluates the code cells of an nbformat 4 notebook in order with the JDK's JShell API, in this JVM,
 * and writes an executed copy with the cells' text, values, figures and errors as Jupyter outputs;
 * {@code dissect notebook run} is its command line ({@link org.dissect.notebook.NotebookCommand}).
 *
 * <p>Notebook code uses two small public classes: {@link org.dissect.notebook.Display} shows a chart or
 * an image as an {@code image/png} output, {@link org.dissect.notebook.NotebookContext} tells the
 * notebook where its own file lives.
 */
package org.dissect.notebook;
