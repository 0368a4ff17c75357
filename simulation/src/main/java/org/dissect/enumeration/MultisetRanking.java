package org.dissect.enumeration;

import java.io.Serializable;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The multisets of size {@code b} drawn from {@code N} items ("combinations with replacement"), in
 * lexicographic order, with a 64-bit rank: a bijection between the {@code C(N+b-1, b)} multisets and
 * {@code [0, C(N+b-1, b))}, so that the space splits into independent rank ranges.
 *
 * <p>A multiset has two representations:
 * <ul>
 *   <li>a <em>tuple</em>: its {@code b} elements in non-decreasing order, {@code 0 ≤ t_0 ≤ … ≤ t_{b-1} < N};
 *   <li>a <em>count vector</em>: {@code c_k} copies of item {@code k}, {@code Σ_k c_k = b}.
 * </ul>
 * The order is the lexicographic order of tuples: {@code (0,…,0)} has rank 0, {@code (N-1,…,N-1)} the last
 * rank. In count vectors the same order is the reverse lexicographic order of {@code (c_0, c_1, …)}.
 *
 * <p>Ranking: with {@code M(m, k) = C(m+k-1, k)} the number of non-decreasing tuples of length k over m
 * values, {@code rank(t) = Σ_p Σ_{v = t_{p-1}}^{t_p - 1} M(N - v, b - p - 1)} ({@code t_{-1} = 0}): the
 * tuples that agree with t before position p and hold a smaller value at p. Unranking inverts the sum
 * greedily. Both cost {@code O(N + b)}; the successor costs amortised {@code O(1)}, {@code O(b)} at worst.
 *
 * <p>Instances are immutable and thread-safe; they refuse spaces of more than {@code 2^63 - 1}
 * multisets, which no exhaustive enumeration could finish anyway.
 */
public final class MultisetRanking implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int items;
    private final int size;
    /** {@code table[m * (size + 1) + k] = M(m, k)} for {@code 0 ≤ m ≤ N}, {@code 0 ≤ k ≤ b}. */
    private final long[] table;

    /**
     * @param items N, at least 1
     * @param size b, at least 1
     * @throws IllegalArgumentException if {@code N < 1}, {@code b < 1}, {@code C(N+b-1, b) > 2^63 - 1} (checked in
     *         {@code O(min(b, N))} time before anything is allocated), or the rank table of {@code (N+1)(b+1)} longs
     *         exceeds the largest array or the maximum heap
     */
    public MultisetRanking(int items, int size) {
        if (items < 1) {
            throw new IllegalArgumentException("number of items N must be at least 1, got " + items);
        }
        if (size < 1) {
            throw new IllegalArgumentException("multiset size b must be at least 1, got " + size);
        }
        if (exactCount(items, size) < 0) {
            throw new IllegalArgumentException(tooLarge(items, size));
        }
        this.items = items;
        this.size = size;
        int w = size + 1;
        String what = "the rank table ((N+1)(b+1) longs, N=" + items + ", b=" + size + ")";
        int entries = Allocation.length(what, (items + 1L) * w);
        Allocation.requireHeap(what, 8L * entries);
        this.table = new long[entries];
        for (int m = 0; m <= items; m++) {
            for (int k = 0; k <= size; k++) {
                // M(m, 0) = 1, M(0, k) = 0 for k > 0, M(m, k) = M(m - 1, k) + M(m, k - 1);
                // every entry is at most M(N, b) < 2^63, so the sums cannot overflow.
                table[m * w + k] = k == 0 ? 1 : m == 0 ? 0 : table[(m - 1) * w + k] + table[m * w + k - 1];
            }
        }
    }

    /**
     * The number of multisets {@code C(N+b-1, b)} when it fits in a long, in {@code O(min(b, N))} exact steps
     * (fewer when it overflows: the walk stops at the first partial count beyond {@code 2^63 - 1}).
     *
     * <p>With {@code n = N+b-1} and {@code k = min(b, N-1)}, {@code C(n, k)} is built as
     * {@code c_i = c_{i-1}·(n-k+i)/i = C(n-k+i, i)}, each step exact: with {@code g = gcd(c_{i-1}, i)}, {@code i/g}
     * divides {@code n-k+i}, so {@code c_i = (c_{i-1}/g)·((n-k+i)/(i/g))}. The partial counts increase with i,
     * so the first one beyond the long range proves the count is beyond it too.
     *
     * @param items N ≥ 1
     * @param size b ≥ 0
     * @return {@code C(N+b-1, b)}, or -1 if it exceeds {@code 2^63 - 1}
     */
    public static long exactCount(long items, long size) {
        long n = items - 1 + size;
        long k = Math.min(size, items - 1);
        long c = 1;
        for (long i = 1; i <= k; i++) {
            long g = gcd(c, i);
            long a = c / g;
            long f = (n - k + i) / (i / g);
            if (Math.multiplyHigh(a, f) != 0 || a * f < 0) {
                return -1;
            }
            c = a * f;
        }
        return c;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * The message for a space too large to rank in 64 bits, with the count to three digits from log-gamma.
     *
     * @param items N
     * @param size b
     * @return one line naming the count
     */
    static String tooLarge(int items, int size) {
        double n = (double) items - 1 + size;
        double log = LogGamma.value(n + 1) - LogGamma.value(size + 1.0) - LogGamma.value(items);
        return "|B| = C(N+b-1, b) ~ " + Allocation.scientific(log / Math.log(10)) + " batches for N=" + items + ", b="
            + size + ": more than 2^63-1 = 9.22e18, too many to enumerate (the Theorem 2 bound itself: dissect bound sc)";
    }

    /** @return N, the number of items */
    public int items() {
        return items;
    }

    /** @return b, the multiset size */
    public int size() {
        return size;
    }

    /** @return {@code C(N+b-1, b)}, the number of multisets */
    public long count() {
        return table[items * (size + 1) + size];
    }

    /**
     * {@code M(m, k) = C(m+k-1, k)}, the number of multisets of size k over m items.
     *
     * @param m items, {@code 0 ≤ m ≤ N}
     * @param k size, {@code 0 ≤ k ≤ b}
     * @return the count
     */
    public long count(int m, int k) {
        return table[m * (size + 1) + k];
    }

    /**
     * The table {@code M(m, k)} at index {@code m * (b + 1) + k}, as the OpenCL kernel reads it.
     *
     * @return a copy of the table
     */
    long[] table() {
        return table.clone();
    }

    /**
     * The rank of a tuple.
     *
     * @param tuple b non-decreasing values in {@code [0, N)} (not modified)
     * @return its rank in {@code [0, count())}
     * @throws IllegalArgumentException if the tuple has the wrong length, is not non-decreasing or leaves {@code [0, N)}
     */
    public long rank(int[] tuple) {
        checkTuple(tuple);
        int w = size + 1;
        long r = 0;
        int previous = 0;
        for (int p = 0; p < size; p++) {
            int rest = size - p - 1;
            for (int v = previous; v < tuple[p]; v++) {
                r += table[(items - v) * w + rest];
            }
            previous = tuple[p];
        }
        return r;
    }

    /**
     * The tuple of a rank.
     *
     * @param rank in {@code [0, count())}
     * @param tuple receives the b values (modified)
     * @throws IllegalArgumentException if the rank is out of range or the array has the wrong length
     */
    public void unrank(long rank, int[] tuple) {
        if (rank < 0 || rank >= count()) {
            throw new IllegalArgumentException("rank must lie in [0, " + count() + "), got " + rank);
        }
        checkLength(tuple);
        int w = size + 1;
        long r = rank;
        int v = 0;
        for (int p = 0; p < size; p++) {
            int rest = size - p - 1;
            long block = table[(items - v) * w + rest];
            while (r >= block) {
                r -= block;
                v++;
                block = table[(items - v) * w + rest];
            }
            tuple[p] = v;
        }
    }

    /**
     * The tuple of a rank, in a new array.
     *
     * @param rank in {@code [0, count())}
     * @return the b values
     */
    public int[] unrank(long rank) {
        int[] tuple = new int[size];
        unrank(rank, tuple);
        return tuple;
    }

    /**
     * Advances a tuple to its lexicographic successor: the last position that can grow grows by one,
     * and every later position takes its new value.
     *
     * @param tuple a valid tuple (modified: the successor, or unchanged if it was the last one)
     * @return false if the tuple was the last one, {@code (N-1, …, N-1)}
     */
    public boolean successor(int[] tuple) {
        int p = size - 1;
        while (p >= 0 && tuple[p] == items - 1) {
            p--;
        }
        if (p < 0) {
            return false;
        }
        int v = tuple[p] + 1;
        for (int q = p; q < size; q++) {
            tuple[q] = v;
        }
        return true;
    }

    /**
     * Advances a count vector to the count vector of the lexicographic successor of its tuple.
     * In counts: with {@code j} the last item with a nonzero count, {@code j < N-1}, one copy moves from j
     * to {@code j+1}; if {@code j = N-1}, all {@code c_{N-1}} copies and one copy of the previous nonzero
     * item {@code i} move to {@code i+1}.
     *
     * @param counts N non-negative counts summing to b (modified: the successor, or unchanged if last)
     * @return false if the counts were the last ones, {@code c_{N-1} = b}
     */
    public boolean successorCounts(int[] counts) {
        checkCountsLength(counts);
        int last = items - 1;
        if (counts[last] == size) {
            return false;
        }
        if (counts[last] == 0) {
            int j = last - 1;
            while (counts[j] == 0) {
                j--;
            }
            counts[j]--;
            counts[j + 1]++;
            return true;
        }
        int tail = counts[last];
        counts[last] = 0;
        int i = last - 1;
        while (counts[i] == 0) {
            i--;
        }
        counts[i]--;
        counts[i + 1] += tail + 1;
        return true;
    }

    /**
     * The count vector of a tuple.
     *
     * @param tuple a valid tuple (not modified)
     * @return N counts summing to b
     */
    public int[] toCounts(int[] tuple) {
        checkTuple(tuple);
        int[] counts = new int[items];
        for (int v : tuple) {
            counts[v]++;
        }
        return counts;
    }

    /**
     * The tuple of a count vector.
     *
     * @param counts N non-negative counts summing to b (not modified)
     * @return the b values in non-decreasing order
     * @throws IllegalArgumentException if the counts have the wrong length, a negative entry or the wrong sum
     */
    public int[] fromCounts(int[] counts) {
        checkCountsLength(counts);
        int[] tuple = new int[size];
        int p = 0;
        for (int k = 0; k < items; k++) {
            if (counts[k] < 0 || p + counts[k] > size) {
                throw new IllegalArgumentException("counts must be non-negative and sum to b=" + size);
            }
            for (int c = 0; c < counts[k]; c++) {
                tuple[p++] = k;
            }
        }
        if (p != size) {
            throw new IllegalArgumentException("counts must sum to b=" + size + ", got " + p);
        }
        return tuple;
    }

    private void checkLength(int[] tuple) {
        if (tuple.length != size) {
            throw new IllegalArgumentException("a tuple must hold b=" + size + " values, got " + tuple.length);
        }
    }

    private void checkCountsLength(int[] counts) {
        if (counts.length != items) {
            throw new IllegalArgumentException("a count vector must hold N=" + items + " counts, got " + counts.length);
        }
    }

    private void checkTuple(int[] tuple) {
        checkLength(tuple);
        int previous = 0;
        for (int v : tuple) {
            if (v < previous || v >= items) {
                throw new IllegalArgumentException("a tuple must be non-decreasing with values in [0, " + items
                    + "), got " + java.util.Arrays.toString(tuple));
            }
            previous = v;
        }
    }
}
