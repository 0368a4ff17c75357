package org.dissect.diagnostics;

import org.dissect.blas.OpenBlas;
import org.dissect.descent.Engines;

/**
 * The diagnostics' one product that grows with N·h·K, in one place that chooses where it runs: the NC1 sum of squared
 * projections
 *
 * <pre>    S = Σ_n Σ_i &lt;v_i, z_n − μ_{y_n}&gt;² = ‖(Z − M_Y) Vᵀ‖_F²</pre>
 *
 * (Z the N×h points, M_Y their class means row by row, V the r×h scaled directions of {@link NeuralCollapse#nc1}).
 * {@link #java()} makes the dot products on the JVM; {@link #blas()} one {@code dgemm} per block of points in OpenBLAS.
 * {@link #choose} applies the descent engines' {@code auto} rule. Both add the squares in the same order (point by
 * point, direction by direction); only the dot products' rounding differs.
 */
interface DenseProducts {
    /**
     * @param points N points as rows (not modified)
     * @param labels N labels, indices into means (not modified)
     * @param means class means as rows (not modified)
     * @param directions r directions {@code v_i} as rows of length h (not modified)
     * @return S
     */
    double squaredProjections(double[][] points, int[] labels, double[][] means, double[][] directions);

    /** @return the JVM's dot products */
    static DenseProducts java() {
        return JavaDenseProducts.INSTANCE;
    }

    /**
     * @return OpenBLAS
     * @throws IllegalArgumentException if its natives do not load
     */
    static DenseProducts blas() {
        OpenBlas.require();
        return BlasDenseProducts.INSTANCE;
    }

    /**
     * @param multiplyAdds the product's size, {@code N·h·r}
     * @return OpenBLAS if its natives load and the product has at least {@link Engines#BLAS_MIN_FLOPS} multiply-adds
     *     (the rule of {@code --engine auto}), else Java
     */
    static DenseProducts choose(long multiplyAdds) {
        return multiplyAdds >= Engines.BLAS_MIN_FLOPS && OpenBlas.available() ? BlasDenseProducts.INSTANCE : java();
    }
}
