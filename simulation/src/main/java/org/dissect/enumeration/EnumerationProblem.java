package org.dissect.enumeration;

import java.io.Serializable;
import java.util.Optional;
import org.dissect.theory.Checks;
import org.dissect.theory.SupervisedContrastiveBound;

/**
 * One exact-enumeration problem: labelled points {@code Z}, {@code Y} and a batch size {@code b}, with
 * everything the engines precompute once from the Gram matrix {@code G = Z Zᵀ}.
 *
 * <p>The sum {@code L_SC(Z; Y) = Σ_{B ∈ 𝔅} ℓ_SC(Z; Y, B)} over all {@code C(N+b-1, b)} multisets depends on Z
 * only through G. For a batch with index counts {@code c_k}, an anchor copy of index i (label y) has
 * <pre>
 *   denominator  D̃_i = Σ_k c_k e^{G_ik} - e^{G_ii}   (one copy of i removed),
 *   positives    P_i = n_y - 1,  n_y = Σ_{k: y_k = y} c_k,
 *   anchor loss  log D̃_i - (Σ_{k: y_k = y} c_k G_ik - G_ii) / P_i   (0 when P_i = 0).
 * </pre>
 * For stability every row is shifted by its maximum {@code s_i = max_k G_ik}: the engines work with
 * {@code E_ik = e^{G_ik - s_i} ∈ (0, 1]} and add {@code s_i} back after the logarithm. The shifted
 * denominators never subtract (the removed copy is left out, not taken away), so they carry full
 * relative precision as long as no {@code E_ik} is subnormal: the constructor requires every row of G to
 * span at most {@value #MAX_ROW_SPAN} ({@code e^{-700} ≈ 1e-304} is still a normal double). For points of
 * norm ρ the span is at most {@code 2ρ²}, so any {@code ρ² ≤ 350} (temperature {@code τ ≥ 0.0029}) is fine.
 *
 * <p>Instances are immutable (the arrays are private copies) and thread-safe. They are serializable, so that an
 * enumeration's lanes can run in other JVMs on exactly these tables ({@link EnumerationLanes}).
 */
public final class EnumerationProblem implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The largest {@code max_k G_ik - min_k G_ik} over the rows that the shifted exponentials represent exactly. */
    public static final double MAX_ROW_SPAN = 700;

    /** Relative spread of the squared norms up to which the points count as lying on one sphere. */
    public static final double COMMON_NORM_TOLERANCE = 1e-9;

    private final double[][] points;
    private final int[] labels;
    private final int classes;
    private final int batch;
    private final int size;
    private final MultisetRanking ranking;
    private final double[] gram;
    private final double[] shift;
    private final double[] expFull;
    private final double[] expOffTransposed;
    private final double[] expDiagonal;
    private final double[] gramSameClass;

    /**
     * @param points N points as rows of one common length h ≥ 1, finite (not modified; copied)
     * @param labels N labels in {@code 0..classes-1} (not modified; copied)
     * @param classes K ≥ 1 (classes without points are allowed)
     * @param batch b ≥ 2
     * @throws IllegalArgumentException if a shape, label or value is invalid (non-finite coordinates included), the
     *         space holds more than {@code 2^63 - 1} batches, the problem and one lane of a loss-only enumeration do
     *         not fit in the largest arrays or the maximum heap ({@link #bytesNeeded}), or a row of the Gram matrix
     *         spans more than {@value #MAX_ROW_SPAN}
     */
    public EnumerationProblem(double[][] points, int[] labels, int classes, int batch) {
        Checks.atLeast("number of points N", points.length, 1);
        Checks.atLeast("classes K", classes, 1);
        Checks.atLeast("batch size b", batch, 2);
        if (labels.length != points.length) {
            throw new IllegalArgumentException("need one label per point: " + points.length + " points, "
                + labels.length + " labels");
        }
        int dim = points[0].length;
        Checks.atLeast("dimension h", dim, 1);
        this.size = points.length;
        this.points = new double[size][];
        for (int i = 0; i < size; i++) {
            if (points[i].length != dim) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                    + " coordinates, point 0 has " + dim);
            }
            for (int d = 0; d < dim; d++) {
                if (!Double.isFinite(points[i][d])) {  // the message only when needed: N·h strings cost more than G
                    Checks.finite("coordinate " + d + " of point " + i, points[i][d]);
                }
            }
            this.points[i] = points[i].clone();
        }
        this.labels = labels.clone();
        Checks.classCounts(this.labels, classes);
        this.classes = classes;
        this.batch = batch;
        Allocation.requireHeap("an enumeration of N=" + size + ", h=" + dim + ", b=" + batch,
            bytesNeeded(size, dim, classes, batch, false, false));
        this.ranking = new MultisetRanking(size, batch);

        int n = size;
        gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    s += this.points[i][d] * this.points[k][d];
                }
                gram[i * n + k] = s;
                gram[k * n + i] = s;
            }
        }
        shift = new double[n];
        expFull = new double[n * n];
        expDiagonal = new double[n];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                max = Math.max(max, gram[i * n + k]);
                min = Math.min(min, gram[i * n + k]);
            }
            if (!(max - min <= MAX_ROW_SPAN)) {
                throw new IllegalArgumentException("inner products of point " + i + " span " + (max - min)
                    + " > " + MAX_ROW_SPAN + ": exp(<z_i, z_k>) ratios leave the double range (the radius is too large"
                    + " for exact enumeration; rho^2 <= 350 is always fine)");
            }
            shift[i] = max;
            for (int k = 0; k < n; k++) {
                expFull[i * n + k] = Math.exp(gram[i * n + k] - max);
            }
            expDiagonal[i] = expFull[i * n + i];
        }
        expOffTransposed = new double[n * n];
        gramSameClass = new double[n * n];
        for (int v = 0; v < n; v++) {
            for (int k = 0; k < n; k++) {
                expOffTransposed[v * n + k] = k == v ? 0 : expFull[k * n + v];
                gramSameClass[v * n + k] = this.labels[v] == this.labels[k] ? gram[v * n + k] : 0;
            }
        }
    }

    /**
     * The memory an exact enumeration on the Java engine needs, estimated before anything is allocated: the problem
     * (the points, four N×N tables, the rank table), the lanes ({@link Lanes}: at most {@value Lanes#DEFAULT_LANES},
     * within 256 MiB unless a single lane needs more), the gradient ({@code ∂L/∂G} and {@code ∂L/∂Z}) and the
     * histogram's tables. The OpenCL engine runs more lanes, up to 256 MiB of them in all. Runs in
     * {@code O(min(b, N))} time, plus {@code O(min(K, b)·b)} with a histogram.
     *
     * @param points N ≥ 1
     * @param dim h ≥ 1
     * @param classes K ≥ 1
     * @param batch b ≥ 2
     * @param gradient whether the gradient is requested
     * @param histogram whether the histogram is requested
     * @return bytes (the arrays' payloads, within a few percent)
     * @throws IllegalArgumentException if an argument is out of range, {@code C(N+b-1, b) > 2^63 - 1}, an array
     *         would exceed {@link Allocation#MAX_ARRAY_LENGTH} (N², bN, bK, (N+1)(b+1) entries), or the histogram is
     *         unavailable for (K, b)
     */
    public static long bytesNeeded(int points, int dim, int classes, int batch, boolean gradient, boolean histogram) {
        return bytesNeeded(points, dim, classes, batch, gradient, histogram, Lanes.DEFAULT_LANES);
    }

    /**
     * {@link #bytesNeeded(int, int, int, int, boolean, boolean)} for an engine that wants the given number of lanes.
     *
     * @param wantedLanes the lanes the engine asks {@link Lanes#count} for
     */
    static long bytesNeeded(int points, int dim, int classes, int batch, boolean gradient, boolean histogram,
                            int wantedLanes) {
        Checks.atLeast("number of points N", points, 1);
        Checks.atLeast("dimension h", dim, 1);
        Checks.atLeast("classes K", classes, 1);
        Checks.atLeast("batch size b", batch, 2);
        long n = points;
        long b = batch;
        long batches = MultisetRanking.exactCount(n, b);
        if (batches < 0) {
            throw new IllegalArgumentException(MultisetRanking.tooLarge(points, batch));
        }
        String shape = " (N=" + points + ", h=" + dim + ", K=" + classes + ", b=" + batch + ")";
        Allocation.length("the Gram matrix (N^2 entries" + shape + ")", n * n);
        Allocation.length("the rank table ((N+1)(b+1) entries" + shape + ")", (n + 1) * (b + 1));
        Allocation.length("the walk's sums (bN entries" + shape + ")", b * n);
        Allocation.length("the walk's class sums (bK entries" + shape + ")", b * classes);
        long bytes = problemBytes(n, dim, b);
        long configurations = 0;
        if (histogram) {
            bytes += ConfigurationIndex.bytesNeeded(classes, batch);
            configurations = ConfigurationIndex.configurationCount(classes, batch);
        }
        if (gradient) {
            // ∂L/∂G, and ∂L/∂Z formed from a copy of the points
            bytes += 8 * n * n + 16 * n * dim;
        }
        long lane = Lanes.laneBytes(n, b, classes, gradient, configurations);
        // at most max(one lane, 256 MiB) of lanes: no overflow
        return bytes + lane * Lanes.lanes(wantedLanes, lane, batches);
    }

    /**
     * The memory of a problem itself: the points, four N×N tables and the rank table (the N-vectors of shifts,
     * diagonals and labels add under 1%).
     *
     * @param n N
     * @param dim h
     * @param b b
     * @return bytes
     */
    static long problemBytes(long n, long dim, long b) {
        return 8 * n * dim + 32 * n * n + 8 * (n + 1) * (b + 1);
    }

    /** @return N, the number of points */
    public int size() {
        return size;
    }

    /** @return h, the dimension */
    public int dimension() {
        return points[0].length;
    }

    /** @return K, the number of classes */
    public int classes() {
        return classes;
    }

    /** @return b, the batch size */
    public int batch() {
        return batch;
    }

    /** @return {@code |𝔅| = C(N+b-1, b)} */
    public long batchCount() {
        return ranking.count();
    }

    /** @return the ranking of the batch space */
    public MultisetRanking ranking() {
        return ranking;
    }

    /** @return a copy of the points, N rows of length h */
    public double[][] points() {
        double[][] copy = new double[size][];
        for (int i = 0; i < size; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    /** @return a copy of the labels */
    public int[] labels() {
        return labels.clone();
    }

    /** @return the number of points of each class */
    public int[] classSizes() {
        return Checks.classCounts(labels, classes);
    }

    /**
     * The Theorem 2 setting of this problem, when the theorem applies: balanced labels (every class holds
     * the same number {@code n ≥ 1} of points, {@code K ≥ 2}; n = 0 is impossible with N ≥ 1) and every squared norm equal to their mean {@code ρ²} within
     * relative {@value #COMMON_NORM_TOLERANCE}.
     *
     * @return the bound for (K, n, b, ρ²), or empty when the theorem does not apply
     */
    public Optional<SupervisedContrastiveBound> theorem2() {
        if (classes < 2) {
            return Optional.empty();
        }
        int[] sizes = classSizes();
        for (int s : sizes) {
            if (s != sizes[0]) {
                return Optional.empty();
            }
        }
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += gram[i * size + i];
        }
        mean /= size;
        if (!(mean > 0)) {
            return Optional.empty();
        }
        for (int i = 0; i < size; i++) {
            if (Math.abs(gram[i * size + i] - mean) > COMMON_NORM_TOLERANCE * mean) {
                return Optional.empty();
            }
        }
        return Optional.of(new SupervisedContrastiveBound(classes, sizes[0], batch, mean));
    }

    // Package-private views for the engines (not copied: the engines only read them).

    int[] labelArray() {
        return labels;
    }

    double[] gram() {
        return gram;
    }

    double[] shift() {
        return shift;
    }

    /** {@code E_ik = exp(G_ik - s_i)} at {@code i * N + k}. */
    double[] expFull() {
        return expFull;
    }

    /** {@code E_kv} at {@code v * N + k} with the diagonal set to 0 (column v of E, self term left out). */
    double[] expOffTransposed() {
        return expOffTransposed;
    }

    /** {@code E_ii}. */
    double[] expDiagonal() {
        return expDiagonal;
    }

    /** {@code G_vk} if {@code y_v = y_k} (diagonal included), else 0, at {@code v * N + k}. */
    double[] gramSameClass() {
        return gramSameClass;
    }
}
