package org.dissect.descent;

/**
 * The part of the SC batch gradient between the two products, shared by every engine that computes on the
 * host: from the Gram matrix {@code S = X Xᵀ} of a batch it forms the batch loss and the coefficients
 * {@code C_pq = a_pq - [q∈P_p]/|P_p|} of {@link ScBatchGradient} (anchor p's softmax over {@code q ≠ p}, shifted
 * by the row maximum; rows of anchors without positives are 0), and optionally symmetrises them to
 * {@code C + Cᵀ}, so that the gradient is one product {@code (C + Cᵀ) X}. Each anchor's term is
 * {@code (max - mean positive logit) + log1p(Σ_{q≠p, q≠argmax} e^{s_pq - max})}: full relative precision for a
 * tiny loss (see {@code LogSumExp.minus}). Not thread-safe (it reuses its buffers); its rows run on the
 * {@link RowParallel} it is given.
 */
final class ScCoefficients {
    /** Fewest anchors worth a thread. */
    private static final int ROW_GRAIN = 32;
    /** Tile edge of the blocked transposes: two 32×32 tiles of doubles (16 KiB) stay in L1. */
    private static final int TILE = 32;

    private final RowParallel rows;
    private int[] label = new int[0];
    private double[] rowLoss = new double[0];

    /**
     * @param rows the threads the anchors' rows are spread over (each row depends on its own entries only, and the
     *        row losses are added in row order: the same bits on any number of threads)
     */
    ScCoefficients(RowParallel rows) {
        this.rows = rows;
    }

    /**
     * @param s the m×m Gram matrix, row-major (not modified unless it is c)
     * @param m the batch size
     * @param labels N labels (not modified)
     * @param batch m indices (not modified)
     * @param c m×m output (overwritten; may be s itself)
     * @param symmetric whether to leave {@code C + Cᵀ} in c rather than C
     * @return the batch loss {@code ℓ_SC}
     */
    double compute(double[] s, int m, int[] labels, int[] batch, double[] c, boolean symmetric) {
        if (label.length < m) {
            label = new int[m];
            rowLoss = new double[m];
        }
        for (int p = 0; p < m; p++) {
            label[p] = labels[batch[p]];
        }
        rows.forRows(m, ROW_GRAIN, (from, to) -> {
            for (int p = from; p < to; p++) {
                rowLoss[p] = row(s, m, p, c);
            }
        });
        double loss = 0;
        for (int p = 0; p < m; p++) {
            loss += rowLoss[p];
        }
        if (symmetric) {
            symmetrise(c, m);
        }
        return loss;
    }

    /** Row p of C from row p of S; returns anchor p's term of the loss (0 without positives). */
    private double row(double[] s, int m, int p, double[] c) {
        int row = p * m;
        int own = label[p];
        double max = Double.NEGATIVE_INFINITY;
        int argmax = -1;
        int positives = 0;
        double positiveSum = 0;
        for (int q = 0; q < m; q++) {
            if (q != p) {
                double v = s[row + q];
                if (v > max) {
                    max = v;
                    argmax = q;
                }
                if (label[q] == own) {
                    positives++;
                    positiveSum += v;
                }
            }
        }
        if (positives == 0) {
            for (int q = 0; q < m; q++) {
                c[row + q] = 0;
            }
            return 0;
        }
        double rest = 0;
        for (int q = 0; q < m; q++) {
            double e = q == p ? 0 : Math.exp(s[row + q] - max);
            c[row + q] = e;
            rest += q == argmax ? 0 : e;
        }
        double inverse = 1.0 / (1 + rest);
        double share = 1.0 / positives;
        for (int q = 0; q < m; q++) {
            double v = c[row + q] * inverse;
            c[row + q] = q != p && label[q] == own ? v - share : v;
        }
        return (max - positiveSum / positives) + Math.log1p(rest);
    }

    /**
     * Replaces the m×m matrix c by {@code c + cᵀ}, tile by tile (the column-wise reads of a whole-row sweep miss the
     * cache once m·8 bytes exceed a page; here each tile's rows are reused from L1).
     */
    void symmetrise(double[] c, int m) {
        rows.forRows((m + TILE - 1) / TILE, 2, (t0, t1) -> symmetriseTiles(c, m, t0, t1));
    }

    /** {@link #symmetrise} for the tile rows {@code [t0, t1)}: each unordered pair of tiles is touched once. */
    private static void symmetriseTiles(double[] c, int m, int t0, int t1) {
        for (int p0 = t0 * TILE; p0 < Math.min(m, t1 * TILE); p0 += TILE) {
            int p1 = Math.min(m, p0 + TILE);
            for (int q0 = p0; q0 < m; q0 += TILE) {
                int q1 = Math.min(m, q0 + TILE);
                for (int p = p0; p < p1; p++) {
                    for (int q = Math.max(q0, p + 1); q < q1; q++) {
                        double sym = c[p * m + q] + c[q * m + p];
                        c[p * m + q] = sym;
                        c[q * m + p] = sym;
                    }
                }
            }
        }
    }

    /** Copies the upper triangle of the m×m matrix s onto its lower one ({@code s_qp = s_pq}, q > p), tile by tile. */
    void mirrorUpper(double[] s, int m) {
        rows.forRows((m + TILE - 1) / TILE, 2, (t0, t1) -> mirrorTiles(s, m, t0, t1));
    }

    /** {@link #mirrorUpper} for the tile rows {@code [t0, t1)}. */
    private static void mirrorTiles(double[] s, int m, int t0, int t1) {
        for (int p0 = t0 * TILE; p0 < Math.min(m, t1 * TILE); p0 += TILE) {
            int p1 = Math.min(m, p0 + TILE);
            for (int q0 = p0; q0 < m; q0 += TILE) {
                int q1 = Math.min(m, q0 + TILE);
                for (int p = p0; p < p1; p++) {
                    for (int q = Math.max(q0, p + 1); q < q1; q++) {
                        s[q * m + p] = s[p * m + q];
                    }
                }
            }
        }
    }
}
