package org.dissect.descent;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws batches uniformly from {@code 𝔅}, the set of all {@code C(N+b-1, b)} multisets of size b
 * (Definition 2), as the paper's SGD does: by stars and bars, a multiset {@code i_1 ≤ … ≤ i_b} of
 * {@code [0, N)} corresponds one-to-one to the b-subset {@code {i_j + j}} of {@code [0, N+b-1)}, so a
 * uniform b-subset (Floyd's algorithm, O(b) draws) gives a uniform multiset.
 */
public final class MultisetSampler {
    private final int items;
    private final int size;
    private final UniformRandomProvider rng;
    private final int[] subset;

    /**
     * @param items N, at least 1
     * @param size b, at least 1, with {@code N+b-1 ≤ 2^31-1}
     * @param rng seeded stream (advanced by every draw)
     */
    public MultisetSampler(int items, int size, UniformRandomProvider rng) {
        if (items < 1 || size < 1 || (long) items + size - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need N >= 1, b >= 1 and N+b-1 <= 2^31-1, got N=" + items + ", b=" + size);
        }
        this.items = items;
        this.size = size;
        this.rng = rng;
        this.subset = new int[size];
    }

    /**
     * Draws one batch.
     *
     * @param batch output, length b (modified): the indices in non-decreasing order, repeated once per copy
     * @return {@code batch}
     */
    public int[] next(int[] batch) {
        distinct(items + size - 1, subset, rng);
        for (int j = 0; j < size; j++) {
            batch[j] = subset[j] - j;
        }
        return batch;
    }

    /**
     * A uniform subset of {@code out.length} distinct indices of {@code [0, universe)} in increasing order, by Floyd's
     * algorithm (O(b) draws): for {@code j = U-b .. U-1} pick {@code t} in {@code [0, j]} and insert t unless present,
     * else j.
     *
     * @param universe U ≥ {@code out.length}
     * @param out output (overwritten), sorted
     * @param rng the stream (advanced by {@code out.length} draws)
     * @return {@code out}
     */
    public static int[] distinct(int universe, int[] out, UniformRandomProvider rng) {
        int filled = 0;
        for (int j = universe - out.length; j < universe; j++) {
            int t = rng.nextInt(j + 1);
            out[filled++] = contains(out, filled - 1, t) ? j : t;
        }
        Arrays.sort(out);
        return out;
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
