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

    private final int[] tuple;
    private final double[] levelS;
    private final double[] levelR;
    private final int[] levelCount;
    private final double[] levelQ;
    private final double[] levelT;
    private final double[] levelPos;
    private final long[] levelCode;

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
    private int[] leafIdx;
    private int[] leafCnt;
    private double[] leafU;
    private double[] leafV;

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
        tuple = new int[b];
        levelS = new double[b * n];
        levelR = new double[b * n];
        levelCount = new int[b * k];
        levelQ = new double[b * k];
        levelT = new double[b * k];
        levelPos = new double[b];
        levelCode = new long[b];
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
            leafIdx = new int[b];
            leafCnt = new int[b];
            leafU = new double[b];
            leafV = new double[b];
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
        System.arraycopy(levelCount, cs, levelCount, cd, k);
        System.arraycopy(levelQ, cs, levelQ, cd, k);
        System.arraycopy(levelT, cs, levelT, cd, k);
        int y = labels[v];
        int count = levelCount[cs + y];
        double q = levelQ[cs + y];
        double t = levelT[cs + y];
        double before = count >= 2 ? t - q / (count - 1) : 0;
        q += 2 * levelR[src + v];
        t += shift[v];
        double after = count >= 1 ? t - q / count : 0;
        levelCount[cd + y] = count + 1;
        levelQ[cd + y] = q;
        levelT[cd + y] = t;
        levelPos[l] = levelPos[l - 1] - before + after;
        if (codeDelta != null) {
            levelCode[l] = levelCode[l - 1] + codeDelta[y * (b + 1) + count];
        }
    }

    /** Collects the distinct indices of the prefix, their copies and base denominators. */
    private int prefixDistinct() {
        int top = b - 1;
        int m = 0;
        for (int p = 0; p < top; p++) {
            int v = tuple[p];
            if (m > 0 && distinct[m - 1] == v) {
                copies[m - 1]++;
            } else {
                distinct[m] = v;
                copies[m] = 1;
                m++;
            }
        }
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

    /** The loss-only leaf run: batches {@code (t_0, …, t_{b-2}, j)} for {@code j ∈ [start, end)}. */
    private void leafRun(int start, int end) {
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
            for (int q = 0; q < m; q++) {
                if (active[q] || distinctLabel[q] == y) {
                    int i = distinct[q];
                    int c = i == j ? copies[q] + 1 : copies[q];
                    logs += c * Math.log(base[q] + expFull[i * n + j]);
                }
            }
            if (j != last && count >= 1) {
                logs += Math.log(levelS[sOff + j]);
            }
            double q = levelQ[cOff + y];
            double t = levelT[cOff + y];
            double before = count >= 2 ? t - q / (count - 1) : 0;
            double after = count >= 1 ? (t + shift[j]) - (q + 2 * levelR[sOff + j]) / count : 0;
            double loss = logs + (pos - before + after);
            // Neumaier
            double s = sum + loss;
            comp += Math.abs(sum) >= Math.abs(loss) ? (sum - s) + loss : (loss - s) + sum;
            sum = s;
        }
        lossSum = sum;
        lossComp = comp;
    }

    /** The leaf run with the gradient and/or the histogram. */
    private void leafRunFull(int start, int end) {
        int m = prefixDistinct();
        int top = b - 1;
        int sOff = top * n;
        int cOff = top * k;
        int last = tuple[b - 2];
        double pos = levelPos[top];
        for (int j = start; j < end; j++) {
            int y = labels[j];
            int count = levelCount[cOff + y];
            double logs = 0;
            int d = 0;
            for (int q = 0; q < m; q++) {
                int i = distinct[q];
                int c = i == j ? copies[q] + 1 : copies[q];
                boolean on = active[q] || distinctLabel[q] == y;
                double denominator = base[q] + expFull[i * n + j];
                if (on) {
                    logs += c * Math.log(denominator);
                }
                if (gradient) {
                    int classCount = distinctLabel[q] == y ? count + 1 : levelCount[cOff + distinctLabel[q]];
                    leafIdx[d] = i;
                    leafCnt[d] = c;
                    leafU[d] = on ? c / denominator : 0;
                    leafV[d] = on ? (double) c / (classCount - 1) : 0;
                    d++;
                }
            }
            if (j != last) {
                double denominator = levelS[sOff + j];
                if (count >= 1) {
                    logs += Math.log(denominator);
                }
                if (gradient) {
                    leafIdx[d] = j;
                    leafCnt[d] = 1;
                    leafU[d] = count >= 1 ? 1 / denominator : 0;
                    leafV[d] = count >= 1 ? 1.0 / count : 0;
                    d++;
                }
            }
            double q = levelQ[cOff + y];
            double t = levelT[cOff + y];
            double before = count >= 2 ? t - q / (count - 1) : 0;
            double after = count >= 1 ? (t + shift[j]) - (q + 2 * levelR[sOff + j]) / count : 0;
            double loss = logs + (pos - before + after);
            double s = lossSum + loss;
            lossComp += Math.abs(lossSum) >= Math.abs(loss) ? (lossSum - s) + loss : (loss - s) + lossSum;
            lossSum = s;
            if (gradient) {
                for (int a = 0; a < d; a++) {
                    double u = leafU[a];
                    if (u != 0) {
                        int i = leafIdx[a];
                        int row = i * n;
                        double v = leafV[a];
                        int yi = labels[i];
                        for (int c = 0; c < d; c++) {
                            int kk = leafIdx[c];
                            int mult = kk == i ? leafCnt[c] - 1 : leafCnt[c];
                            blockA[row + kk] += u * mult;
                            if (labels[kk] == yi) {
                                blockW[row + kk] += v * mult;
                            }
                        }
                    }
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
