package org.dissect.enumeration;

import com.aparapi.Kernel;

/**
 * The Aparapi (OpenCL) transcription of {@link BatchLossKernel}: work-item {@code g} walks the ranks
 * {@code [laneLo[g] + passOffset, min(laneHi[g], laneLo[g] + passOffset + passLength))}, keeping all its
 * state in slices of the 1-D array fields ({@code item * stride + …}) so that successive passes continue
 * the same compensated sums. The host adds the per-item results in item order.
 *
 * <p>Written in the subset Aparapi translates: primitive 1-D array fields, scalar fields, private helper
 * methods with primitive arguments; no objects, {@code new}, exceptions, {@code switch}, recursion,
 * {@code break}/{@code continue} (Aparapi's code generator mishandles some loop exits), and only the
 * {@link Kernel} math methods ({@code log}, {@code abs}, {@code min}, {@code max}), which map to OpenCL
 * built-ins. Doubles need {@code cl_khr_fp64}.
 *
 * <p>Unused features get one-element dummy arrays: Aparapi binds every array field the kernel mentions.
 */
final class BatchLossClKernel extends Kernel {
    static final double TINY = BatchLossKernel.TINY;
    static final double HUGE = BatchLossKernel.HUGE;

    int n;
    int b;
    int k;
    int gradient;
    int histogram;
    int configs;
    int hashBits;
    int hashMask;
    int blockLimit;
    long passOffset;
    long passLength;

    int[] labels;
    double[] shift;
    double[] expFull;
    double[] expOffT;
    double[] expDiag;
    double[] gramSame;
    long[] table;
    long[] laneLo;
    long[] laneHi;

    int[] tuple;
    double[] levelS;
    double[] levelR;
    int[] levelCount;
    double[] levelQ;
    double[] levelT;
    double[] levelPos;
    long[] levelCode;
    int[] levelDistinct;
    int[] levelLastCopies;
    double[] inverse;
    int[] distinct;
    int[] copies;
    int[] distinctLabel;
    int[] active;
    double[] base;

    double[] lossSum;
    double[] lossComp;

    double[] blockA;
    double[] blockW;
    double[] gradSum;
    double[] gradComp;
    int[] blockBatches;
    double[] leafD;
    double[] runU;
    double[] runV;

    long[] codeDelta;
    long[] hashKeys;
    int[] hashValues;
    long[] histCount;
    double[] histSum;
    double[] histComp;
    double[] histMin;
    double[] histMax;

    @Override
    public void run() {
        int item = getGlobalId();
        long lo = laneLo[item] + passOffset;
        long hi = min(laneHi[item], lo + passLength);
        if (lo < hi) {
            walk(item, lo, hi);
        }
    }

    private void walk(int item, long from, long to) {
        int off = item * b;
        unrank(item, from);
        for (int l = 1; l < b; l++) {
            level(item, l);
        }
        long remaining = to - from;
        int start = tuple[off + b - 1];
        while (remaining > 0) {
            int end = (int) min((long) n, start + remaining);
            leafRun(item, start, end);
            remaining = remaining - (end - start);
            if (remaining > 0) {
                int p = b - 2;
                while (tuple[off + p] == n - 1) {
                    p--;
                }
                int v = tuple[off + p] + 1;
                for (int q = p; q < b; q++) {
                    tuple[off + q] = v;
                }
                for (int l = p + 1; l < b; l++) {
                    level(item, l);
                }
                start = v;
            }
        }
        if (gradient == 1) {
            flushGradient(item);
        }
    }

    private void unrank(int item, long rank) {
        int w = b + 1;
        long r = rank;
        int v = 0;
        for (int p = 0; p < b; p++) {
            int rest = b - p - 1;
            long block = table[(n - v) * w + rest];
            while (r >= block) {
                r = r - block;
                v++;
                block = table[(n - v) * w + rest];
            }
            tuple[item * b + p] = v;
        }
    }

    private void level(int item, int l) {
        int v = tuple[item * b + l - 1];
        int src = (item * b + l - 1) * n;
        int dst = (item * b + l) * n;
        int col = v * n;
        for (int i = 0; i < n; i++) {
            levelS[dst + i] = levelS[src + i] + expOffT[col + i];
            levelR[dst + i] = levelR[src + i] + gramSame[col + i];
        }
        int cs = (item * b + l - 1) * k;
        int cd = (item * b + l) * k;
        for (int y = 0; y < k; y++) {
            levelCount[cd + y] = levelCount[cs + y];
            levelQ[cd + y] = levelQ[cs + y];
            levelT[cd + y] = levelT[cs + y];
        }
        int y = labels[v];
        int count = levelCount[cs + y];
        double q = levelQ[cs + y];
        double t = levelT[cs + y];
        double before = 0;
        if (count >= 2) {
            before = t - q * inverse[count - 1];
        }
        q = q + 2 * levelR[src + v];
        t = t + shift[v];
        double after = 0;
        if (count >= 1) {
            after = t - q * inverse[count];
        }
        levelCount[cd + y] = count + 1;
        levelQ[cd + y] = q;
        levelT[cd + y] = t;
        levelPos[item * b + l] = levelPos[item * b + l - 1] - before + after;
        if (histogram == 1) {
            levelCode[item * b + l] = levelCode[item * b + l - 1] + codeDelta[y * (b + 1) + count];
        }
        int off = item * b;
        if (l >= 2 && tuple[off + l - 2] == v) {
            levelDistinct[off + l] = levelDistinct[off + l - 1];
            levelLastCopies[off + l] = levelLastCopies[off + l - 1] + 1;
        } else {
            int m = levelDistinct[off + l - 1];
            if (m > 0) {
                copies[off + m - 1] = levelLastCopies[off + l - 1];
            }
            distinct[off + m] = v;
            levelDistinct[off + l] = m + 1;
            levelLastCopies[off + l] = 1;
        }
    }

    private int prefixDistinct(int item) {
        int off = item * b;
        int top = b - 1;
        int m = levelDistinct[off + top];
        copies[off + m - 1] = levelLastCopies[off + top];
        int sOff = (off + top) * n;
        int cOff = (off + top) * k;
        for (int q = 0; q < m; q++) {
            int i = distinct[off + q];
            base[off + q] = levelS[sOff + i] + (copies[off + q] - 1) * expDiag[i];
            distinctLabel[off + q] = labels[i];
            active[off + q] = 0;
            if (levelCount[cOff + labels[i]] >= 2) {
                active[off + q] = 1;
            }
        }
        return m;
    }

    private void leafRun(int item, int start, int end) {
        int m = prefixDistinct(item);
        int off = item * b;
        int top = b - 1;
        int sOff = (off + top) * n;
        int cOff = (off + top) * k;
        int last = tuple[off + b - 2];
        double pos = levelPos[off + top];
        if (gradient == 1) {
            for (int q = 0; q < m; q++) {
                runU[off + q] = 0;
                runV[off + q] = 0;
            }
        }
        for (int j = start; j < end; j++) {
            int y = labels[j];
            int count = levelCount[cOff + y];
            double logs = 0;
            double product = 1;
            for (int q = 0; q < m; q++) {
                int i = distinct[off + q];
                int c = copies[off + q];
                if (i == j) {
                    c = c + 1;
                }
                double denominator = base[off + q] + expFull[i * n + j];
                if (gradient == 1) {
                    leafD[off + q] = denominator;
                }
                if (active[off + q] == 1 || distinctLabel[off + q] == y) {
                    if (denominator >= TINY) {
                        for (int r = 0; r < c; r++) {
                            product = product * denominator;
                            if (product < TINY || product > HUGE) {
                                logs = logs + log(product);
                                product = 1;
                            }
                        }
                    } else {
                        logs = logs + c * log(denominator);
                    }
                }
            }
            double own = 0;
            if (j != last) {
                own = levelS[sOff + j];
                if (count >= 1) {
                    if (own >= TINY) {
                        product = product * own;
                    } else {
                        logs = logs + log(own);
                    }
                }
            }
            logs = logs + log(product);
            double q = levelQ[cOff + y];
            double t = levelT[cOff + y];
            double before = 0;
            if (count >= 2) {
                before = t - q * inverse[count - 1];
            }
            double after = 0;
            if (count >= 1) {
                after = (t + shift[j]) - (q + 2 * levelR[sOff + j]) * inverse[count];
            }
            double loss = logs + (pos - before + after);
            double s = lossSum[item] + loss;
            if (abs(lossSum[item]) >= abs(loss)) {
                lossComp[item] = lossComp[item] + ((lossSum[item] - s) + loss);
            } else {
                lossComp[item] = lossComp[item] + ((loss - s) + lossSum[item]);
            }
            lossSum[item] = s;
            if (gradient == 1) {
                if (j != last) {
                    addFreshLeaf(item, m, j, y, count, own, cOff);
                } else {
                    addRepeatedLeaf(item, m, y, count, cOff);
                }
                blockBatches[item] = blockBatches[item] + 1;
                if (blockBatches[item] == blockLimit) {
                    flushGradient(item);
                }
            }
            if (histogram == 1) {
                addHistogram(item, levelCode[off + top] + codeDelta[y * (b + 1) + count], loss);
            }
        }
        if (gradient == 1) {
            applyRun(item, m);
        }
    }

    private void addFreshLeaf(int item, int m, int j, int y, int count, double own, int cOff) {
        int off = item * b;
        int mOff = item * n * n;
        double uj = 0;
        if (count >= 1) {
            uj = 1 / own;
        }
        double vj = inverse[count];
        int rowJ = mOff + j * n;
        for (int q = 0; q < m; q++) {
            int i = distinct[off + q];
            int label = distinctLabel[off + q];
            int c = copies[off + q];
            if (active[off + q] == 1 || label == y) {
                int classCount = levelCount[cOff + label];
                if (label == y) {
                    classCount = count + 1;
                }
                double u = c / leafD[off + q];
                double v = c * inverse[classCount - 1];
                runU[off + q] = runU[off + q] + u;
                runV[off + q] = runV[off + q] + v;
                blockA[mOff + i * n + j] = blockA[mOff + i * n + j] + u;
                if (label == y) {
                    blockW[mOff + i * n + j] = blockW[mOff + i * n + j] + v;
                }
            }
            blockA[rowJ + i] = blockA[rowJ + i] + uj * c;
            if (label == y) {
                blockW[rowJ + i] = blockW[rowJ + i] + vj * c;
            }
        }
    }

    private void addRepeatedLeaf(int item, int m, int y, int count, int cOff) {
        int off = item * b;
        int mOff = item * n * n;
        for (int q = 0; q < m; q++) {
            int label = distinctLabel[off + q];
            if (active[off + q] == 1 || label == y) {
                int c = copies[off + q];
                if (q == m - 1) {
                    c = c + 1;
                }
                int classCount = levelCount[cOff + label];
                if (label == y) {
                    classCount = count + 1;
                }
                double u = c / leafD[off + q];
                double v = c * inverse[classCount - 1];
                int row = mOff + distinct[off + q] * n;
                for (int r = 0; r < m; r++) {
                    int kk = distinct[off + r];
                    int mult = copies[off + r];
                    if (r == m - 1) {
                        mult = mult + 1;
                    }
                    if (r == q) {
                        mult = mult - 1;
                    }
                    blockA[row + kk] = blockA[row + kk] + u * mult;
                    if (distinctLabel[off + r] == label) {
                        blockW[row + kk] = blockW[row + kk] + v * mult;
                    }
                }
            }
        }
    }

    private void applyRun(int item, int m) {
        int off = item * b;
        int mOff = item * n * n;
        for (int q = 0; q < m; q++) {
            double u = runU[off + q];
            double v = runV[off + q];
            if (u != 0 || v != 0) {
                int row = mOff + distinct[off + q] * n;
                int label = distinctLabel[off + q];
                for (int r = 0; r < m; r++) {
                    int kk = distinct[off + r];
                    int mult = copies[off + r];
                    if (r == q) {
                        mult = mult - 1;
                    }
                    blockA[row + kk] = blockA[row + kk] + u * mult;
                    if (distinctLabel[off + r] == label) {
                        blockW[row + kk] = blockW[row + kk] + v * mult;
                    }
                }
            }
        }
    }

    private void flushGradient(int item) {
        int mOff = item * n * n;
        for (int e = 0; e < n * n; e++) {
            double g = expFull[e] * blockA[mOff + e] - blockW[mOff + e];
            double s = gradSum[mOff + e] + g;
            if (abs(gradSum[mOff + e]) >= abs(g)) {
                gradComp[mOff + e] = gradComp[mOff + e] + ((gradSum[mOff + e] - s) + g);
            } else {
                gradComp[mOff + e] = gradComp[mOff + e] + ((g - s) + gradSum[mOff + e]);
            }
            gradSum[mOff + e] = s;
            blockA[mOff + e] = 0;
            blockW[mOff + e] = 0;
        }
        blockBatches[item] = 0;
    }

    private void addHistogram(int item, long code, double loss) {
        int slot = (int) (((code * 0x9E3779B97F4A7C15L) >> (64 - hashBits)) & hashMask);
        while (hashKeys[slot] != code) {
            slot = (slot + 1) & hashMask;
        }
        int g = item * configs + hashValues[slot];
        histCount[g] = histCount[g] + 1;
        double s = histSum[g] + loss;
        if (abs(histSum[g]) >= abs(loss)) {
            histComp[g] = histComp[g] + ((histSum[g] - s) + loss);
        } else {
            histComp[g] = histComp[g] + ((loss - s) + histSum[g]);
        }
        histSum[g] = s;
        histMin[g] = min(histMin[g], loss);
        histMax[g] = max(histMax[g], loss);
    }
}
