package org.dissect.enumeration;

import java.util.Locale;

/** The enumeration engines, as the command line names them. */
public enum Engine {
    /** OpenCL when a device is present, else Java threads. */
    AUTO,
    /** {@link JavaEnumeration}: rank ranges over a thread pool. */
    JAVA,
    /** {@link OpenClEnumeration}: an Aparapi kernel, one work-item per rank range. */
    OPENCL,
    /** {@link NaiveEnumeration}: Definition 2 evaluated batch by batch, one thread (the reference). */
    NAIVE;

    /**
     * Opens the engine; {@link #AUTO} resolves to {@link #OPENCL} if an OpenCL device with double
     * precision is present, else to {@link #JAVA}.
     *
     * @param threads Java threads for {@link #JAVA} (and {@link #AUTO} without OpenCL), at least 1
     * @return the engine, to be closed after use
     * @throws IllegalArgumentException for {@link #OPENCL} when no OpenCL device is present
     */
    public Enumeration open(int threads) {
        return switch (this) {
            case AUTO -> OpenClEnumeration.device().isPresent() ? new OpenClEnumeration() : new JavaEnumeration(threads);
            case JAVA -> new JavaEnumeration(threads);
            case OPENCL -> new OpenClEnumeration();
            case NAIVE -> new NaiveEnumeration();
        };
    }

    /** @return the lower-case name the command line uses */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
