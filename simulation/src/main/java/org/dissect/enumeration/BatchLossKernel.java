package org.dissect.enumeration;

import java.util.Arrays;

/**
 * The incremental evaluation of Definition 2 over a rank range of multiset batches, on primitive arrays:
 * the Java engine's inner loop (the OpenCL kernel {@link BatchLossClKernel} is a line-by-line transcription).
 *
 * <p><b>Walk.</b> Batches are visited as non-decreasing tuples {@code t_0 ≤ … ≤ t_{b-1}} in lexicographic
 * order. The first b-1 entries (the <em>prefix</em>) change rarely; the last one runs over {@code t_{b-2}..N-1}
 * (a <em>leaf run</em>). For every prefix length {@code l < b} the walk keeps, recomputed from level
 * {@code l-1} whenever entry {@code l-1} changes (never by subtraction, so no error accumulates along the walk):
 * <ul>
 *   <li>{@code S_l[k] = Σ_{p<l, t_p ≠ k} E_{k t_p}} (shifted exponentials, self copies left out),
 *   <li>{@code R_l[k] = Σ_{p<l, y_{t_p} = y_k} G_{k t_p}} (same-class inner products, self copies included),
 *   <li>per class y: the count {@code n_y}, the ordered positive-pair sum {@code Q_y = Σ_{p≠q, class y} G_{t_p t_q}}
 *       and the shift sum {@code T_y = Σ_{p, class y} s_{t_p}},
 *   <li>{@code Σ_{y: n_y ≥ 2} (T_y - Q_y/(n_y - 1))}, the positive part of the loss, and the configuration code.
 * </ul>
 * A leaf j then costs one log per distinct index of the batch: for a distinct prefix index i with c copies,
 * {@code D_i = S[i] + (c-1)E_ii + E_ij} (j = i adds a copy, {@code E_ii}), for a new index j {@code D_j = S[j]},
 * and the batch loss is {@code Σ_{i: n_{y_i} ≥ 2} c_i (s_i + log D_i) - Σ_{y: n_y ≥ 2} Q_y/(n_y - 1)}, with
 * {@code Q_{y_j}} raised by {@code 2R[j]}.
 *
 * <p><b>Gradient.</b> {@code ∂ℓ/∂G_ik = [n_{y_i} ≥ 2]·c_i(c_k - δ_ik)·(E_ik/D_i - [y_k = y_i]/(n_{y_i} - 1))} for
 * the distinct indices i, k of the batch (G_ik and G_ki as separate variables). The walk accumulates
 * {@code A_ik += c_i(c_k - δ_ik)/D_i} and {@code W_ik += [y_i = y_k] c_i(c_k - δ_ik)/(n_y - 1)} over blocks of
 * batches and adds {@code E∘A - W} into a compensated sum at the end of every block.
 *
 * <p><b>Summation.</b> Batch losses enter a Neumaier sum (error independent of the number of batches),
 * so do the per-block gradients and the per-configuration histogram sums.
 *
 * <p>Not thread-safe: one instance per thread (lane); the problem's arrays are shared read-only.
 */
final class BatchLossKernel {
    /** Gradient blocks hold at most this many batches (or N² if larger) before they are flushed. */
    static final int GRADIENT_BLOCK = 4096;
    /** {@code 2^-500}: products of denominators stay above it (times one more factor, above the normal range). */
    static final double TINY = 0x1p-500;
    /** {@code 2^500}. */
    static final double HUGE = 0x1p500;

    private final int n;
    private final int b;
    private final int k;
    private final int[] labels;
    private final double[] shift;
    private final double[] expFull;
    private final double[] expOffT;
    private final double[] expDiag;
    private final double[] gramSame;
    private final MultisetRanking ranking;
    /** {@code inverse[c] = 1/c} for {@code 0 < c < b} (a class count before its last member), {@code inverse[0] = 0}. */
    private final double[] inverse;
    /** {@code 2^(-1000/b)} for {@code b ≤ 140}: smaller denominators are logged separately; 0 for larger b. */
    private final double tiny;
    /** Per class, the anchors of the current run that count for a leaf of that class (see {@link #buildOnList}). */
    private final int[] onRow;
    private final double[] onBase;
    private final int[] onLength;
    private final long[] onStamp;
    private long run;

    private final int[] tuple;
    private final double[] levelS;
    private final double[] levelR;
    private final int[] levelCount;
    private final double[] levelQ;
    private final double[] levelT;
    private final double[] levelPos;
    private final long[] levelCode;
    /** Number of distinct indices in the prefix of each length, and the copies of the last one. */
    private final int[] levelDistinct;
    private final int[] levelLastCopies;

    private final int[] distinct;
    private final int[] copies;
    private final double[] base;
    private final boolean[] active;
    private final int[] distinctLabel;

    private double lossSum;
    private double lossComp;

    private final boolean gradient;
    private double[] blockA;
    private double[] blockW;
    private double[] gradSum;
    private double[] gradComp;
    private int blockBatches;
    private int blockLimit;
    private double[] leafD;
    private double[] runU;
    private double[] runV;

    private final ConfigurationIndex configurations;
    private long[] codeDelta;
    private long[] histCount;
    private double[] histSum;
    private double[] histComp;
    private double[] histMin;
    private double[] histMax;

    /**
     * @param problem the problem (its arrays are shared, not copied)
     * @param gradient whether to accumulate {@code ∂L/∂G}
     * @param configurations the histogram index, or null for no histogram
     */
    BatchLossKernel(EnumerationProblem problem, boolean gradient, ConfigurationIndex configurations) {
        n = problem.size();
        b = problem.batch();
        k = problem.classes();
        labels = problem.labelArray();
        shift = problem.shift();
        expFull = problem.expFull();
        expOffT = problem.expOffTransposed();
        expDiag = problem.expDiagonal();
        gramSame = problem.gramSameClass();
        ranking = problem.ranking();
        tiny = b <= 140 ? Math.pow(2, -1000.0 / b) : 0;
        onRow = new int[k * b];
        onBase = new double[k * b];
        onLength = new int[k];
        onStamp = new long[k];
        run = 0;
        inverse = new double[b];
        for (int c = 1; c < b; c++) {
            inverse[c] = 1.0 / c;
        }
        tuple = new int[b];
        levelS = new double[b * n];
        levelR = new double[b * n];
        levelCount = new int[b * k];
        levelQ = new double[b * k];
        levelT = new double[b * k];
        levelPos = new double[b];
        levelCode = new long[b];
        levelDistinct = new int[b];
        levelLastCopies = new int[b];
        leafD = new double[b];
        distinct = new int[b];
        copies = new int[b];
        base = new double[b];
        active = new boolean[b];
        distinctLabel = new int[b];
        this.gradient = gradient;
        if (gradient) {
            blockA = new double[n * n];
            blockW = new double[n * n];
            gradSum = new double[n * n];
            gradComp = new double[n * n];
            blockLimit = Math.max(GRADIENT_BLOCK, n * n);
            runU = new double[b];
            runV = new double[b];
        }
        this.configurations = configurations;
        if (configurations != null) {
            codeDelta = configurations.codeDelta();
            int c = configurations.size();
            histCount = new long[c];
            histSum = new double[c];
            histComp = new double[c];
            histMin = new double[c];
            histMax = new double[c];
            Arrays.fill(histMin, Double.POSITIVE_INFINITY);
            Arrays.fill(histMax, Double.NEGATIVE_INFINITY);
        }
    }

    /**
     * Adds the batches of ranks {@code [from, to)} to the accumulators.
     *
     * @param from first rank, inclusive
     * @param to last rank, exclusive, {@code from ≤ to ≤ |𝔅|}
     */
    void walk(long from, long to) {
        if (from >= to) {
            return;
        }
        ranking.unrank(from, tuple);
        for (int l = 1; l < b; l++) {
            level(l);
        }
        long remaining = to - from;
        int start = tuple[b - 1];
        while (true) {
            int end = (int) Math.min(n, start + remaining);
            if (gradient || configurations != null) {
                leafRunFull(start, end);
            } else {
                leafRun(start, end);
            }
            remaining -= end - start;
            if (remaining == 0) {
                break;
            }
            int p = b - 2;
            while (tuple[p] == n - 1) {
                p--;
            }
            int v = tuple[p] + 1;
            for (int q = p; q < b; q++) {
                tuple[q] = v;
            }
            for (int l = p + 1; l < b; l++) {
                level(l);
            }
            start = v;
        }
        if (gradient) {
            flushGradient();
        }
    }

    /** Recomputes level l (prefix of length l) from level l-1 and the entry {@code t_{l-1}}. */
    private void level(int l) {
        int v = tuple[l - 1];
        int src = (l - 1) * n;
        int dst = l * n;
        int col = v * n;
        for (int i = 0; i < n; i++) {
            levelS[dst + i] = levelS[src + i] + expOffT[col + i];
            levelR[dst + i] = levelR[src + i] + gramSame[col + i];
        }
        int cs = (l - 1) * k;
        int cd = l * k;
        for (int c = 0; c < k; c++) {
            levelCount[cd + c] = levelCount[cs + c];
            levelQ[cd + c] = levelQ[cs + c];
            levelT[cd + c] = levelT[cs + c];
        }
        int y = labels[v];
        int count = levelCount[cs + y];
        double q = levelQ[cs + y];
        double t = levelT[cs + y];
        double before = count >= 2 ? t - q * inverse[count - 1] : 0;
        q += 2 * levelR[src + v];
        t += shift[v];
        double after = count >= 1 ? t - q * inverse[count] : 0;
        levelCount[cd + y] = count + 1;
        levelQ[cd + y] = q;
        levelT[cd + y] = t;
        levelPos[l] = levelPos[l - 1] - before + after;
        if (codeDelta != null) {
            levelCode[l] = levelCode[l - 1] + codeDelta[y * (b + 1) + count];
        }
        // distinct indices of the prefix: runs of equal values, the last run's length kept per level
        if (l >= 2 && tuple[l - 2] == v) {
            levelDistinct[l] = levelDistinct[l - 1];
            levelLastCopies[l] = levelLastCopies[l - 1] + 1;
        } else {
            int m = levelDistinct[l - 1];
            if (m > 0) {
                copies[m - 1] = levelLastCopies[l - 1];
            }
            distinct[m] = v;
            levelDistinct[l] = m + 1;
            levelLastCopies[l] = 1;
        }
    }

    /**
     * Prepares a leaf run from the distinct indices of the prefix (kept by {@link #level}): their base
     * denominators {@code S[i] + (c_i - 1)E_ii}, labels, and whether their class already has two members.
     *
     * @return the number m of distinct prefix indices
     */
    private int prefixDistinct() {
        int top = b - 1;
        int m = levelDistinct[top];
        copies[m - 1] = levelLastCopies[top];
        int sOff = top * n;
        int cOff = top * k;
        for (int q = 0; q < m; q++) {
            int i = distinct[q];
            base[q] = levelS[sOff + i] + (copies[q] - 1) * expDiag[i];
            distinctLabel[q] = labels[i];
            active[q] = levelCount[cOff + labels[i]] >= 2;
        }
        return m;
    }

    /**
     * The loss-only leaf run: batches {@code (t_0, …, t_{b-2}, j)} for {@code j ∈ [start, end)}.
     *
     * <p>The logarithms of one batch are taken at once: {@code Σ_i c_i log D_i = log Π_i D_i^{c_i}}. Every
     * denominator is at most {@code b - 1} (a sum of at most b-1 shifted exponentials, each at most 1), so for
     * {@code b ≤ 140} a product of at most b factors stays below {@code (b-1)^b < 2^1000}, and above
     * {@code 2^-1000} (a normal double) when every factor is at least {@code 2^(-1000/b)}; a batch with a smaller
     * factor (rare: only for large radii) is recomputed by {@link #logsChecked}, which keeps the product in range
     * factor by factor, as {@link #leafRunChecked} does for {@code b > 140}. The anchors that count for a leaf of
     * class y are listed once per run and class ({@link #buildOnList}), so the leaf loop has no branches. The product of at most
     * b roundings costs at most {@code b·2^-53} absolute error in the log, about what b separate logarithms
     * cost; it turns about one {@code log} per distinct index into about one per batch.
     */
    private void leafRun(int start, int end) {
        if (tiny == 0 || start == tuple[b - 2]) {
            // b > 140 (products could overflow), or a leaf that repeats the last prefix index: the general loop
            leafRunChecked(start, end);
            return;
        }
        int m = prefixDistinct();
        int top = b - 1;
        int sOff = top * n;
        int cOff = top * k;
        double pos = levelPos[top];
        double sum = lossSum;
        double comp = lossComp;
        double floor = tiny;
        run++;
        for (int j = start; j < end; j++) {
            // j > every prefix index: a new distinct index with one copy
            int y = labels[j];
            int count = levelCount[cOff + y];
            if (onStamp[y] != run) {
                buildOnList(y, m);
            }
            double product = 1;
            boolean small = false;
            if (count >= 1) {
                product = levelS[sOff + j];
                small = product < floor;
            }
            for (int e = y * b, stop = e + onLength[y]; e < stop; e++) {
                double d = onBase[e] + expFull[onRow[e] + j];
                product *= d;
                small |= d < floor;
            }
            double logs = small ? logsChecked(j, m, y, count, sOff) : Math.log(product);
            double q = levelQ[cOff + y];
            double t = levelT[cOff + y];
            double before = count >= 2 ? t - q * inverse[count - 1] : 0;
            double after = count >= 1 ? (t + shift[j]) - (q + 2 * levelR[sOff + j]) * inverse[count] : 0;
            double loss = logs + (pos - before + after);
            // Neumaier
            double s = sum + loss;
            comp += Math.abs(sum) >= Math.abs(loss) ? (sum - s) + loss : (loss - s) + sum;
            sum = s;
        }
        lossSum = sum;
        lossComp = comp;
    }

    /**
     * Lists, for leaves of class y in this run, the anchors that count (their class has two members in the
     * batch), one entry per copy: row offset {@code i·N} and base denominator. Built at most once per class
     * and run, so that the leaf loop runs without branches.
     */
    private void buildOnList(int y, int m) {
        int e = y * b;
        for (int q = 0; q < m; q++) {
            if (active[q] || distinctLabel[q] == y) {
                for (int r = 0; r < copies[q]; r++) {
                    onRow[e] = distinct[q] * n;
                    onBase[e] = base[q];
                    e++;
                }
            }
        }
        onLength[y] = e - y * b;
        onStamp[y] = run;
    }

    /** {@code Σ_i c_i log D_i} of a batch with a new leaf j, keeping the product in range factor by factor. */
    private double logsChecked(int j, int m, int y, int count, int sOff) {
        double logs = 0;
        double product = 1;
        for (int q = 0; q < m; q++) {
            if (active[q] || distinctLabel[q] == y) {
                double d = base[q] + expFull[distinct[q] * n + j];
                if (d >= TINY) {
                    for (int r = 0; r < copies[q]; r++) {
                        product *= d;
                        if (product < TINY || product > HUGE) {
                            logs += Math.log(product);
                            product = 1;
                        }
                    }
                } else {
                    logs += copies[q] * Math.log(d);
                }
            }
        }
        if (count >= 1) {
            double d = levelS[sOff + j];
            if (d >= TINY) {
                product *= d;
            } else {
                logs += Math.log(d);
            }
        }
        return logs + Math.log(product);
    }

    /**
     * The loss-only leaf run in its general form: any leaf, and products kept in range factor by factor
     * (for b > 140, where b factors of up to b could overflow a double).
     */
    private void leafRunChecked(int start, int end) {
        int m = prefixDistinct();
        int top = b - 1;
        int sOff = top * n;
        int cOff = top * k;
        int last = tuple[b - 2];
        double pos = levelPos[top];
        double sum = lossSum;
        double comp = lossComp;
        for (int j = start; j < end; j++) {
            int y = labels[j];
            int count = levelCount[cOff + y];
            double logs = 0;
            double product = 1;
            for (int q = 0; q < m; q++) {
                if (active[q] || distinctLabel[q] == y) {
                    int i = distinct[q];
                    double d = base[q] + expFull[i * n + j];
                    int c = i == j ? copies[q] + 1 : copies[q];
                    if (d >= TINY) {
                        for (int r = 0; r < c; r++) {
                            product *= d;
                            if (product < TINY || product > HUGE) {
                                logs += Math.log(product);
                                product = 1;
                            }
                        }
                    } else {
                        logs += c * Math.log(d);
                    }
                }
            }
            if (j != last && count >= 1) {
                double d = levelS[sOff + j];
                if (d >= TINY) {
                    product *= d;
                } else {
                    logs += Math.log(d);
                }
            }
            logs += Math.log(product);
            double q = levelQ[cOff + y];
            double t = levelT[cOff + y];
            double before = count >= 2 ? t - q * inverse[count - 1] : 0;
            double after = count >= 1 ? (t + shift[j]) - (q + 2 * levelR[sOff + j]) * inverse[count] : 0;
            double loss = logs + (pos - before + after);
            // Neumaier
            double s = sum + loss;
            comp += Math.abs(sum) >= Math.abs(loss) ? (sum - s) + loss : (loss - s) + sum;
            sum = s;
        }
        lossSum = sum;
        lossComp = comp;
    }

    /**
     * The leaf run with the gradient and/or the histogram.
     *
     * <p>Gradient, factored over the run: for a leaf j that is not in the prefix, the prefix×prefix part of
     * {@code A} and {@code W} is {@code u_q(j)·(c_r - δ_qr)}, whose j-dependence is the anchor factor alone; it is
     * summed as {@code U_q = Σ_j u_q(j)} (and {@code V_q}) and spread over the row once per run
     * ({@link #applyRun}). Only the row and column of j are touched per batch: {@code O(d)} instead of
     * {@code O(d²)}. A leaf equal to the last prefix index (at most one per run) is added directly.
     */
    private void leafRunFull(int start, int end) {
        int m = prefixDistinct();
        int top = b - 1;
        int sOff = top * n;
        int cOff = top * k;
        int last = tuple[b - 2];
        double pos = levelPos[top];
        if (gradient) {
            for (int q = 0; q < m; q++) {
                runU[q] = 0;
                runV[q] = 0;
            }
        }
        for (int j = start; j < end; j++) {
            int y = labels[j];
            int count = levelCount[cOff + y];
            boolean fresh = j != last;
            double logs = 0;
            double product = 1;
            for (int q = 0; q < m; q++) {
                int i = distinct[q];
                int c = i == j ? copies[q] + 1 : copies[q];
                double denominator = base[q] + expFull[i * n + j];
                leafD[q] = denominator;
                if (active[q] || distinctLabel[q] == y) {
                    if (denominator >= TINY) {
                        for (int r = 0; r < c; r++) {
                            product *= denominator;
                            if (product < TINY || product > HUGE) {
                                logs += Math.log(product);
                                product = 1;
                            }
                        }
                    } else {
                        logs += c * Math.log(denominator);
                    }
                }
            }
            double own = 0;
            if (fresh) {
                own = levelS[sOff + j];
                if (count >= 1) {
                    if (own >= TINY) {
                        product *= own;
                    } else {
                        logs += Math.log(own);
                    }
                }
            }
            logs += Math.log(product);
            double q = levelQ[cOff + y];
            double t = levelT[cOff + y];
            double before = count >= 2 ? t - q * inverse[count - 1] : 0;
            double after = count >= 1 ? (t + shift[j]) - (q + 2 * levelR[sOff + j]) * inverse[count] : 0;
            double loss = logs + (pos - before + after);
            double s = lossSum + loss;
            lossComp += Math.abs(lossSum) >= Math.abs(loss) ? (lossSum - s) + loss : (loss - s) + lossSum;
            lossSum = s;
            if (gradient) {
                if (fresh) {
                    addFreshLeaf(m, j, y, count, own, cOff);
                } else {
                    addRepeatedLeaf(m, y, count, cOff);
                }
                if (++blockBatches == blockLimit) {
                    flushGradient();
                }
            }
            if (configurations != null) {
                int cfg = configurations.lookup(levelCode[top] + codeDelta[y * (b + 1) + count]);
                histCount[cfg]++;
                double hs = histSum[cfg] + loss;
                histComp[cfg] += Math.abs(histSum[cfg]) >= Math.abs(loss) ? (histSum[cfg] - hs) + loss
                    : (loss - hs) + histSum[cfg];
                histSum[cfg] = hs;
                histMin[cfg] = Math.min(histMin[cfg], loss);
                histMax[cfg] = Math.max(histMax[cfg], loss);
            }
        }
        if (gradient) {
            applyRun(m);
        }
    }

    /**
     * The gradient of a batch whose leaf j is new (one copy): row and column of j now, the prefix×prefix part
     * deferred to {@link #applyRun} through {@code U_q}, {@code V_q}.
     */
    private void addFreshLeaf(int m, int j, int y, int count, double own, int cOff) {
        double uj = count >= 1 ? 1 / own : 0;
        double vj = inverse[count];
        int rowJ = j * n;
        for (int q = 0; q < m; q++) {
            int i = distinct[q];
            int label = distinctLabel[q];
            int c = copies[q];
            boolean same = label == y;
            if (active[q] || same) {
                double u = c / leafD[q];
                double v = c * inverse[(same ? count + 1 : levelCount[cOff + label]) - 1];
                runU[q] += u;
                runV[q] += v;
                blockA[i * n + j] += u;
                if (same) {
                    blockW[i * n + j] += v;
                }
            }
            blockA[rowJ + i] += uj * c;
            if (same) {
                blockW[rowJ + i] += vj * c;
            }
        }
    }

    /** The gradient of a batch whose leaf repeats the last prefix index: all pairs, directly. */
    private void addRepeatedLeaf(int m, int y, int count, int cOff) {
        for (int q = 0; q < m; q++) {
            int label = distinctLabel[q];
            boolean same = label == y;
            if (active[q] || same) {
                int i = distinct[q];
                int c = q == m - 1 ? copies[q] + 1 : copies[q];
                double u = c / leafD[q];
                double v = c * inverse[(same ? count + 1 : levelCount[cOff + label]) - 1];
                int row = i * n;
                for (int r = 0; r < m; r++) {
                    int kk = distinct[r];
                    int mult = (r == m - 1 ? copies[r] + 1 : copies[r]) - (r == q ? 1 : 0);
                    blockA[row + kk] += u * mult;
                    if (distinctLabel[r] == label) {
                        blockW[row + kk] += v * mult;
                    }
                }
            }
        }
    }

    /** Spreads the run sums {@code U_q}, {@code V_q} over the prefix×prefix block: {@code (c_r - δ_qr)}. */
    private void applyRun(int m) {
        for (int q = 0; q < m; q++) {
            double u = runU[q];
            double v = runV[q];
            if (u != 0 || v != 0) {
                int row = distinct[q] * n;
                int label = distinctLabel[q];
                for (int r = 0; r < m; r++) {
                    int kk = distinct[r];
                    int mult = r == q ? copies[r] - 1 : copies[r];
                    blockA[row + kk] += u * mult;
                    if (distinctLabel[r] == label) {
                        blockW[row + kk] += v * mult;
                    }
                }
            }
        }
    }

    private void flushGradient() {
        for (int e = 0; e < n * n; e++) {
            double g = expFull[e] * blockA[e] - blockW[e];
            double s = gradSum[e] + g;
            gradComp[e] += Math.abs(gradSum[e]) >= Math.abs(g) ? (gradSum[e] - s) + g : (g - s) + gradSum[e];
            gradSum[e] = s;
        }
        Arrays.fill(blockA, 0);
        Arrays.fill(blockW, 0);
        blockBatches = 0;
    }

    /** @return the Neumaier sum and its compensation {@code {sum, compensation}} of the batch losses */
    double[] loss() {
        return new double[] {lossSum, lossComp};
    }

    /** @return the compensated {@code ∂L/∂G} sum (N×N row-major), or null */
    double[] gradientSum() {
        return gradSum;
    }

    /** @return the compensations of {@link #gradientSum()} */
    double[] gradientCompensation() {
        return gradComp;
    }

    /** @return the per-configuration batch counts, or null */
    long[] histogramCount() {
        return histCount;
    }

    double[] histogramSum() {
        return histSum;
    }

    double[] histogramCompensation() {
        return histComp;
    }

    double[] histogramMin() {
        return histMin;
    }

    double[] histogramMax() {
        return histMax;
    }
}
