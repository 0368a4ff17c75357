package org.dissect.enumeration;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Label configurations of batches (class counts up to a permutation of the classes, i.e. the partitions
 * of b into at most K parts) and an O(1) map from a batch's class counts to its configuration.
 *
 * <p>The map works on an <em>additive code</em> {@code code(n) = Σ_y f(y, n_y)} of the class counts
 * {@code n_y}, so that the walk updates it with one table lookup per added index
 * ({@link #codeDelta()}{@code [y*(b+1) + l] = f(y, l+1) - f(y, l)}). Two injective encodings exist:
 * <ul>
 *   <li>by multiplicity (used whenever it fits in 62 bits, i.e. for b up to about 50):
 *       {@code f(y, l) = W_l}, {@code W_0 = 0}, {@code W_1 = 1}, {@code W_{l+1} = W_l·(min(K, ⌊b/l⌋) + 1)}, the
 *       mixed-radix number of the multiplicities {@code m_l = #{y : n_y = l}}: the same for every ordering,
 *       one key per configuration;
 *   <li>by class, {@code f(y, l) = l·(b+1)^y}: one key per ordered count vector, all mapped to the same
 *       configuration (used for large b with few classes, up to 2^22 ordered vectors).
 * </ul>
 * Codes go to configuration numbers through an open-addressing hash table (linear probing, load ≤ 1/2)
 * held in two primitive arrays, so the OpenCL kernel can probe it too.
 */
final class ConfigurationIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The most configurations a histogram may have. */
    static final int MAX_CONFIGURATIONS = 1 << 20;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int classes;
    private final int batch;
    private final List<int[]> configurations = new ArrayList<>();
    private final long[] codeDelta;
    private final long[] keys;
    private final int[] values;
    private final int bits;

    /**
     * @param classes K ≥ 1
     * @param batch b ≥ 1
     * @throws IllegalArgumentException if there are more than {@link #MAX_CONFIGURATIONS} configurations, no
     *         encoding fits in 62 bits, or the tables exceed the largest array or the maximum heap
     */
    ConfigurationIndex(int classes, int batch) {
        this.classes = classes;
        this.batch = batch;
        Layout layout = layout(classes, batch);
        Allocation.requireHeap("the label configurations of K=" + classes + ", b=" + batch, bytes(layout, classes, batch));
        partitions(new int[classes], 0, batch, batch);
        boolean byMultiplicity = layout.byMultiplicity();
        long keyCount = layout.keyCount();
        long[] f = new long[classes * (batch + 1)];
        if (byMultiplicity) {
            long[] w = new long[batch + 1];
            if (batch >= 1) {
                w[1] = 1;
            }
            for (int l = 1; l < batch; l++) {
                w[l + 1] = w[l] * (Math.min(classes, batch / l) + 1);
            }
            for (int y = 0; y < classes; y++) {
                System.arraycopy(w, 0, f, y * (batch + 1), batch + 1);
            }
        } else {
            long radix = 1;
            for (int y = 0; y < classes; y++) {
                for (int l = 0; l <= batch; l++) {
                    f[y * (batch + 1) + l] = l * radix;
                }
                radix *= batch + 1;
            }
        }
        codeDelta = new long[classes * (batch + 1)];
        for (int y = 0; y < classes; y++) {
            for (int l = 0; l < batch; l++) {
                codeDelta[y * (batch + 1) + l] = f[y * (batch + 1) + l + 1] - f[y * (batch + 1) + l];
            }
        }
        int capacity = capacity(keyCount);
        bits = Integer.numberOfTrailingZeros(capacity);
        keys = new long[capacity];
        values = new int[capacity];
        java.util.Arrays.fill(keys, -1);
        for (int c = 0; c < configurations.size(); c++) {
            int[] counts = configurations.get(c);
            if (byMultiplicity) {
                long code = 0;
                for (int y = 0; y < classes; y++) {
                    code += f[y * (batch + 1) + counts[y]];
                }
                insert(code, c);
            } else {
                // every ordering of the counts has its own code; insert them all
                insertPermutations(f, counts.clone(), 0, c);
            }
        }
    }

    /**
     * How the configurations of (K, b) are encoded, decided in {@code O(min(K, b)·b)} time before any is listed.
     *
     * @param configurations the number of configurations
     * @param byMultiplicity whether the code counts multiplicities (else one code per ordered count vector)
     * @param keyCount the number of codes in the hash table
     */
    private record Layout(long configurations, boolean byMultiplicity, long keyCount) {
    }

    private static Layout layout(int classes, int batch) {
        // p_1(b) = 1; p_K(b) ≥ p_2(b) = ⌊b/2⌋ + 1 > 2^20 for K ≥ 2, b ≥ 2^21: no table of b+1 counts for either
        long expected = classes == 1 ? 1 : batch >= 2L * MAX_CONFIGURATIONS ? -1 : partitionCount(batch, classes);
        if (expected < 0 || expected > MAX_CONFIGURATIONS) {
            String count = expected < 0 ? "more than " + MAX_CONFIGURATIONS
                : expected == Long.MAX_VALUE ? "more than 9e18" : String.valueOf(expected);
            throw new IllegalArgumentException(count + " label configurations for K=" + classes + ", b=" + batch
                + " (at most " + MAX_CONFIGURATIONS + " are tabulated); the histogram is unavailable");
        }
        Allocation.length("the label code table (K(b+1) entries, K=" + classes + ", b=" + batch + ")",
            classes * (batch + 1L));
        double multiplicityBits = 0;
        for (int l = 1; l <= batch && multiplicityBits <= 62; l++) {
            multiplicityBits += Math.log(Math.min(classes, batch / l) + 1.0) / Math.log(2);
        }
        if (multiplicityBits <= 62) {
            return new Layout(expected, true, expected);
        }
        double classBits = classes * Math.log(batch + 1.0) / Math.log(2);
        long compositions = MultisetRanking.exactCount(classes, batch);
        if (classBits > 62 || compositions < 0 || compositions >= 1L << 22) {
            throw new IllegalArgumentException("label configurations of K=" + classes + ", b=" + batch
                + " cannot be indexed compactly; the histogram is unavailable");
        }
        return new Layout(expected, false, compositions);
    }

    /**
     * The memory of the index of (K, b): the configurations, the code tables and the hash table.
     *
     * @param classes K ≥ 1
     * @param batch b ≥ 1
     * @return bytes
     * @throws IllegalArgumentException if the histogram is unavailable for (K, b)
     */
    static long bytesNeeded(int classes, int batch) {
        return bytes(layout(classes, batch), classes, batch);
    }

    /**
     * @param classes K ≥ 1
     * @param batch b ≥ 1
     * @return the number of label configurations of (K, b)
     * @throws IllegalArgumentException if the histogram is unavailable for (K, b)
     */
    static long configurationCount(int classes, int batch) {
        return layout(classes, batch).configurations();
    }

    private static long bytes(Layout layout, int classes, int batch) {
        return layout.configurations() * (32 + 4L * classes) + 16L * classes * (batch + 1L)
            + 12L * capacity(layout.keyCount());
    }

    /** The hash table's capacity: a power of two, at least twice the number of codes (load ≤ 1/2). */
    private static int capacity(long keyCount) {
        return Integer.highestOneBit((int) Math.max(2, keyCount) * 2 - 1) * 2;
    }

    /**
     * The number of partitions of b into at most K parts, {@code p_K(b) = p_{K-1}(b) + p_K(b - K)}, saturating
     * at {@code Long.MAX_VALUE}.
     */
    static long partitionCount(int batch, int classes) {
        long[] p = new long[batch + 1];
        p[0] = 1;
        for (int part = 1; part <= Math.min(classes, batch); part++) {
            // partitions into parts of size at most `part` = partitions into at most `part` parts (conjugation)
            for (int total = part; total <= batch; total++) {
                long sum = p[total] + p[total - part];
                p[total] = sum < 0 ? Long.MAX_VALUE : sum;
            }
            if (p[batch] == Long.MAX_VALUE) {
                break;  // p[batch] only grows with the largest part: saturated for good
            }
        }
        return p[batch];
    }

    private void partitions(int[] counts, int position, int remaining, int largest) {
        if (position == counts.length) {
            if (remaining == 0) {
                configurations.add(counts.clone());
            }
            return;
        }
        int slots = counts.length - position;
        for (int v = Math.min(largest, remaining); v >= 0 && (long) v * slots >= remaining; v--) {
            counts[position] = v;
            partitions(counts, position + 1, remaining - v, v);
        }
        counts[position] = 0;
    }

    /** Inserts the code of every distinct permutation of {@code counts[from..]} (counts sorted non-increasing). */
    private void insertPermutations(long[] f, int[] counts, int from, int configuration) {
        if (from == counts.length) {
            long code = 0;
            for (int y = 0; y < classes; y++) {
                code += f[y * (batch + 1) + counts[y]];
            }
            insert(code, configuration);
            return;
        }
        for (int i = from; i < counts.length; i++) {
            boolean seen = false;
            for (int j = from; j < i; j++) {
                seen |= counts[j] == counts[i];
            }
            if (!seen) {
                swap(counts, from, i);
                insertPermutations(f, counts, from + 1, configuration);
                swap(counts, from, i);
            }
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private void insert(long code, int configuration) {
        int mask = keys.length - 1;
        int slot = slot(code);
        while (keys[slot] != -1 && keys[slot] != code) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = code;
        values[slot] = configuration;
    }

    private int slot(long code) {
        return (int) (((code * GOLDEN) >> (64 - bits)) & (keys.length - 1));
    }

    /**
     * The configuration of a code.
     *
     * @param code an additive code of class counts summing to b
     * @return the configuration number
     */
    int lookup(long code) {
        int mask = keys.length - 1;
        int slot = slot(code);
        while (keys[slot] != code) {
            slot = (slot + 1) & mask;
        }
        return values[slot];
    }

    /** @return the number of configurations */
    int size() {
        return configurations.size();
    }

    /**
     * @param configuration a configuration number
     * @return its K class counts, non-increasing (a copy)
     */
    int[] counts(int configuration) {
        return configurations.get(configuration).clone();
    }

    /** @return {@code f(y, l+1) - f(y, l)} at {@code y*(b+1) + l} (shared, not copied) */
    long[] codeDelta() {
        return codeDelta;
    }

    /** @return the hash table keys, -1 for empty slots (shared) */
    long[] keys() {
        return keys;
    }

    /** @return the hash table values (shared) */
    int[] values() {
        return values;
    }

    /** @return log2 of the hash table capacity */
    int bits() {
        return bits;
    }
}
