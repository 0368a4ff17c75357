package org.dissect.diagnostics;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import java.nio.DoubleBuffer;
import org.dissect.blas.OffHeap;

/**
 * {@link DenseProducts} in OpenBLAS, block by block of {@value #BLOCK} points: the block's differences
 * {@code z_n − μ_{y_n}} are written into an off-heap buffer (the points are separate Java rows, and one copy of all of
 * them would be as large as Z), {@code P_B = (Z − M_Y)_B Vᵀ} is one {@code dgemm}, and its squares are added in row
 * order. OpenBLAS runs on the thread count last set in this process ({@link org.dissect.blas.OpenBlas#useThreads}).
 * Buffers live for one call, so the instance is stateless and thread-safe.
 */
final class BlasDenseProducts implements DenseProducts {
    static final BlasDenseProducts INSTANCE = new BlasDenseProducts();
    /** Points per block: 128 rows of h = 512 doubles (512 KiB) stay in L2 for their product. */
    static final int BLOCK = 128;

    private BlasDenseProducts() {
    }

    @Override
    public double squaredProjections(double[][] points, int[] labels, double[][] means, double[][] directions) {
        int count = points.length;
        int dim = means[0].length;
        int r = directions.length;
        if (r == 0 || count == 0) {
            return 0;
        }
        int block = Math.min(count, BLOCK);
        try (OffHeap zb = new OffHeap(); OffHeap vb = new OffHeap(); OffHeap pb = new OffHeap()) {
            DoubleBuffer v = vb.buffer(r * dim);
            for (int i = 0; i < r; i++) {
                v.put(i * dim, directions[i], 0, dim);
            }
            DoubleBuffer zBlock = zb.buffer(block * dim);
            DoubleBuffer p = pb.buffer(block * r);
            double[] d = new double[dim];
            double[] projections = new double[block * r];
            double sum = 0;
            for (int from = 0; from < count; from += block) {
                int rows = Math.min(block, count - from);
                for (int j = 0; j < rows; j++) {
                    double[] z = points[from + j];
                    double[] mu = means[labels[from + j]];
                    for (int k = 0; k < dim; k++) {
                        d[k] = z[k] - mu[k];
                    }
                    zBlock.put(j * dim, d, 0, dim);
                }
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, r, dim, 1.0, zb.pointer(), dim, vb.pointer(), dim,
                    0.0, pb.pointer(), r);
                p.get(0, projections, 0, rows * r);
                for (int i = 0; i < rows * r; i++) {
                    sum += projections[i] * projections[i];
                }
            }
            return sum;
        }
    }
}
