package org.dissect.train;

import org.dissect.engine.RanOn;

/**
 * The dense products of the encoder's forward and backward passes, {@code C = op(A)·op(B)} on row-major arrays
 * (BLAS's {@code dgemm} with α = 1, β = 0). Implementations differ only in where this runs ({@link JavaGemm} on
 * EJML, {@link BlasGemm} on OpenBLAS; {@link GemmEngines} opens them) and are tested against each other.
 */
public interface Gemm extends AutoCloseable {
    /**
     * {@code C = op(A)·op(B)}, with {@code op(A)} m×k and {@code op(B)} k×n.
     *
     * @param transA whether A is stored k×m (then {@code op(A) = Aᵀ}), else m×k
     * @param transB whether B is stored n×k (then {@code op(B) = Bᵀ}), else k×n
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param a A, row-major, at least m·k values (not modified)
     * @param b B, row-major, at least k·n values (not modified)
     * @param c C, row-major, its first m·n values overwritten
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b, double[] c);

    /** @return where the products really run */
    RanOn engine();

    /** Releases off-heap buffers; the default holds none. */
    @Override
    default void close() {
    }
}
