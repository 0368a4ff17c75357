package org.dissect.engine;

import java.util.Locale;

/**
 * The engines, as the command line names them: the user's choice ({@code --engine}) and, except {@link #AUTO},
 * the kind an engine reports in its {@link RanOn} after it ran. Which implementation serves a choice for which
 * computation is decided in one place, {@code org.dissect.descent.Engines}.
 */
public enum Engine {
    /** The fastest engine available for the computation at hand (the rule: {@code Engines}); never a kind that ran. */
    AUTO,
    /** On the JVM: EJML products for the descent, rank ranges over a thread pool for the enumeration. */
    JAVA,
    /** Aparapi kernels on an OpenCL device. */
    OPENCL,
    /** OpenBLAS products (through JavaCPP) for the descent's dense matrix products. */
    BLAS,
    /** The enumeration's slow reference (Definition 2 batch by batch, one thread); enumeration only. */
    NAIVE;

    /** @return the lower-case name the command line and the reports use */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
