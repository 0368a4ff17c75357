package org.dissect.theory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Theorem 2 of the paper: for points on the sphere of radius ρ with balanced labels
 * ({@code K} classes of {@code n} points, {@code N = Kn}) and batch size {@code b},
 *
 * <pre>
 *   L_SC(Z; Y) ≥ Σ_{l=2..b} l · M_l · log( l - 1 + (b - l)·exp(-Kρ²/(K-1)) ),
 *   M_l = K · C(n+l-1, l) · C(N-n+b-l-1, b-l),
 * </pre>
 *
 * where {@code L_SC} sums Definition 2 over all {@code |𝔅| = C(N+b-1, b)} multiset batches;
 * equality iff every class collapses to one vertex of a regular simplex.
 *
 * <p>Two routes. The exact one ({@link #batchCount()}, {@link #batchCountsWithMultiplicity()},
 * {@link #totalBound()}, {@link #terms()}) works with big integers of about {@link #batchCountDigits()}
 * digits, {@code O(b)} of them: at CIFAR scale ({@code N = 50,000}, {@code b = 256}) milliseconds, at
 * {@code b = 10^6} out of reach. Its cost is known in advance and in O(1) from
 * {@link #batchCountDigits()} and {@link #exactMemoryBytes()}, so a caller can refuse it or take the
 * double route: {@link #meanBound()}, {@link #log10BatchCount()} and {@link #logTotalBound()}, which
 * need no big integers and sum only the class counts l that carry weight (about {@code 40·σ} of them,
 * σ the standard deviation of one class's count in a batch), milliseconds even at {@code b = 10^8}.
 */
public final class SupervisedContrastiveBound {
    /**
     * Relative weights {@code M_l/M_mode} below this are not summed by {@link #meanBound()}: see there
     * why everything skipped is below {@code 2^-233} of the result's scale.
     */
    private static final double NEGLIGIBLE_WEIGHT = 0x1p-300;

    private final int classes;
    private final int perClass;
    private final int batch;
    private final double rho2;
    /** {@code exp(-Kρ²/(K-1))}: the weight of a negative relative to a positive at the simplex. */
    private final double negative;

    /**
     * @param classes K, at least 2
     * @param perClass n, points per class, at least 1, with {@code N = K·n ≤ 2^31 - 1}
     * @param batch b, at least 2 (b = 2 is legal but trivial: the bound is 0)
     * @param rho2 ρ², finite and positive (a subnormal ρ² is fine: the bound is then that of ρ² = 0 to every
     *        double digit)
     * @throws IllegalArgumentException if an argument is out of range or N does not fit an {@code int}
     */
    public SupervisedContrastiveBound(int classes, int perClass, int batch, double rho2) {
        this.classes = Checks.atLeast("classes K", classes, 2);
        this.perClass = Checks.atLeast("points per class n", perClass, 1);
        this.batch = Checks.atLeast("batch size b", batch, 2);
        this.rho2 = Checks.positive("rho^2", rho2);
        long size = (long) classes * perClass;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("N = K*n = " + String.format("%.3g", (double) size)
                + " exceeds 2^31-1 (classes K=" + classes + ", points per class n=" + perClass + ")");
        }
        this.negative = Math.exp(-classes * rho2 / (classes - 1));
    }

    /** @return N = K·n */
    public int size() {
        return classes * perClass;
    }

    /**
     * {@code |𝔅| = C(N+b-1, b)}, exact: b big-integer steps on numbers of up to
     * {@link #batchCountDigits()} digits.
     *
     * @return the number of multiset batches
     */
    public BigInteger batchCount() {
        return Multisets.count(size(), batch);
    }

    /**
     * {@code log10 |𝔅|}, O(1) (log-gamma based, a few ulps): for printing {@code |𝔅| ≈ 10^X} where the
     * exact count is too long.
     *
     * @return the decimal logarithm of the number of batches
     */
    public double log10BatchCount() {
        return Multisets.log10Count(size(), batch);
    }

    /**
     * The number of decimal digits of {@code |𝔅|}, {@code floor(log10|𝔅|) + 1}, in O(1): the size of
     * {@link #batchCount()} before computing it (exact unless {@code log10|𝔅|} lies within a few ulps of
     * an integer, then possibly one too many or too few).
     *
     * @return the digit count of {@code |𝔅|}
     */
    public long batchCountDigits() {
        return (long) Math.floor(log10BatchCount()) + 1;
    }

    /**
     * An upper estimate of the memory the exact route ({@link #batchCountsWithMultiplicity()},
     * {@link #totalBound()}, {@link #terms()}) holds at once: three arrays of {@code b+1} big integers,
     * each counted at the size of {@code K·|𝔅|} (which bounds every {@code M_l} and every multiset
     * count involved) plus 48 bytes of object overhead. O(1). The time is of the same order: {@code O(b)}
     * big-integer products of that size.
     *
     * @return estimated bytes (a double: it may exceed the long range)
     */
    public double exactMemoryBytes() {
        double bits = (Math.log(classes) + Multisets.logCount(size(), batch)) / Math.log(2) + 1;
        return 3 * (batch + 1.0) * (48 + bits / 8);
    }

    /**
     * {@code M_l = Σ_y |{B ∈ 𝔅 : |B_y| = l}| = K·C(n+l-1, l)·C(N-n+b-l-1, b-l)}, exact.
     *
     * @param l class count, {@code 0 ≤ l ≤ b}
     * @return M_l
     */
    public BigInteger batchCountWithMultiplicity(int l) {
        checkCount(l);
        return BigInteger.valueOf(classes)
            .multiply(Multisets.count(perClass, l))
            .multiply(Multisets.count((long) size() - perClass, batch - l));
    }

    /**
     * Every {@code M_l}, {@code l = 0..b}, exact, from two multiset-count recurrences (O(b) big-integer
     * operations in all).
     *
     * @return {@code m[l] = M_l}
     * @throws IllegalArgumentException if {@link #exactMemoryBytes()} exceeds the heap limit
     */
    public BigInteger[] batchCountsWithMultiplicity() {
        Checks.allocatable("exact Theorem 2 counts M_0..M_b (K=" + classes + ", n=" + perClass + ", b=" + batch + ")",
            batch + 1L, exactMemoryBytes());
        BigInteger[] own = Multisets.counts(perClass, batch);
        BigInteger[] others = Multisets.counts((long) size() - perClass, batch);
        BigInteger k = BigInteger.valueOf(classes);
        BigInteger[] m = new BigInteger[batch + 1];
        for (int l = 0; l <= batch; l++) {
            m[l] = k.multiply(own[l]).multiply(others[batch - l]);
        }
        return m;
    }

    /**
     * {@code log M_l} from log-gamma, O(1) for any sizes.
     *
     * @param l class count, {@code 0 ≤ l ≤ b}
     * @return {@code log M_l}
     */
    public double logBatchCountWithMultiplicity(int l) {
        checkCount(l);
        return Math.log(classes) + Multisets.logCount(perClass, l) + Multisets.logCount(size() - perClass, batch - l);
    }

    /**
     * The loss at the simplex of all the anchors of one class that holds {@code l} of the b batch
     * slots: {@code l·log(l - 1 + (b - l)·exp(-Kρ²/(K-1)))} for {@code l ≥ 2}, else 0. Evaluated as
     * {@code l·(log(l-1) + log1p((b-l)·exp(-Kρ²/(K-1))/(l-1)))}.
     *
     * @param l class count, {@code 0 ≤ l ≤ b}
     * @return the level
     */
    public double classLevel(int l) {
        checkCount(l);
        return level(l);
    }

    private double level(int l) {
        if (l < 2) {
            return 0;
        }
        return l * (Math.log(l - 1) + Math.log1p((batch - l) * negative / (l - 1)));
    }

    /**
     * The Theorem 2 bound on the total {@code L_SC} over all batches, exact up to the double
     * precision of each level. Cost: see {@link #exactMemoryBytes()}; {@link #logTotalBound()} is the
     * O(√b) alternative.
     *
     * @return {@code Σ_l l·M_l·log(...)}, rounded to 20 significant digits
     * @throws IllegalArgumentException if {@link #exactMemoryBytes()} exceeds the heap limit
     */
    public BigDecimal totalBound() {
        BigInteger[] m = batchCountsWithMultiplicity();
        BigDecimal sum = BigDecimal.ZERO;
        for (int l = 2; l <= batch; l++) {
            sum = sum.add(new BigDecimal(m[l]).multiply(new BigDecimal(level(l))));
        }
        return sum.round(new MathContext(20));
    }

    /**
     * The bound on the mean batch loss {@code L_SC/|𝔅|} in doubles, without big integers:
     * {@code K·Σ_l r_l·level_l / Σ_l r_l} with {@code r_l = M_l/M_mode}, which equals
     * {@code Σ_l (M_l/|𝔅|)·level_l} because {@code Σ_l M_l = K·|𝔅|} (every batch counted once per class).
     *
     * <p>Method. {@code M_{l+1}/M_l = (n+l)(b-l) / ((l+1)(N-n+b-l-1))} is non-increasing in l, so
     * {@code M_l} is unimodal (log-concave); its mode is found by bisection on that ratio (exact long
     * arithmetic) and the weights {@code r_l} by multiplying the ratios outward from the mode, stopping on
     * each side at the first {@code r_l < 2^-300}. Everything skipped is negligible: at most
     * {@code b+1 < 2^31} terms, each below {@code 2^-300·max(1, level_b)} with
     * {@code level_b ≤ b·log b < 2^36}, so below {@code 2^-233}, while {@code Σ r_l ≥ 1} and, for
     * {@code b ≥ 3}, {@code Σ r_l·level_l ≥ 2^-101} (if the mode is below 3, {@code r_3 ≥ (3·2^32)^-3},
     * each ratio being at least {@code 1/(3(N+b))}; otherwise the mode's own level is at least
     * {@code 3·log 2}): the relative effect is below {@code 2^-130}. About {@code 2·sqrt(2·208)·σ ≈ 41σ}
     * terms are summed, at most b+1 ({@link #meanBoundTerms()}; σ² = b(1/K)(1-1/K)(N+b)/(N+1) is the
     * variance of one class's count): {@code O(sqrt(b))} while {@code b ≤ N}, but {@code O(b/sqrt(N))}
     * when {@code b ≫ N}, where the count spreads over the whole range (N = 2: uniform on 0..b). About
     * 30 ns per term: {@code b = 10^8} at CIFAR size N = 50,000 sums 5.5·10^6 terms (a fraction of a
     * second), {@code b = 10^8} at N = 12 sums all 10^8 (seconds).
     *
     * <p>Accuracy: each {@code r_l} carries at most {@code 4|l - mode|} roundings, and the sums one per term:
     * relative error below {@code (5D + 8)·2^-53}, D the number of terms summed, in practice (random
     * rounding) about {@code sqrt(D)} ulps: 1e-15 at CIFAR scale.
     *
     * @return the mean bound
     */
    public double meanBound() {
        int mode = mode();
        double weights = 0;
        double sum = 0;
        double r = 1;
        for (int l = mode; r >= NEGLIGIBLE_WEIGHT; l++) {
            weights += r;
            sum += r * level(l);
            if (l == batch) {
                break;
            }
            r *= ratio(l);
        }
        r = 1;
        for (int l = mode - 1; l >= 0; l--) {
            r /= ratio(l);
            if (r < NEGLIGIBLE_WEIGHT) {
                break;
            }
            weights += r;
            sum += r * level(l);
        }
        return classes * (sum / weights);
    }

    /**
     * The number of class counts {@link #meanBound()} sums, estimated in O(1) from a normal approximation
     * of one class's count (mean b/K, variance {@code σ² = b(1/K)(1-1/K)(N+b)/(N+1)}): the window where
     * {@code M_l/M_mode ≥ 2^-300} is about {@code 2·sqrt(600·log 2)·σ ≈ 41σ} wide, capped at b+1. The
     * cost of {@link #meanBound()} is proportional to it (about 30 ns per term).
     *
     * @return the estimated number of terms, at most b+1
     */
    public double meanBoundTerms() {
        double p = 1.0 / classes;
        double variance = batch * p * (1 - p) * ((double) size() + batch) / (size() + 1.0);
        return Math.min(batch + 1.0, 2 * Math.sqrt(600 * Math.log(2) * variance));
    }

    /**
     * The natural logarithm of the Theorem 2 bound on the total {@code L_SC}, in doubles:
     * {@code log|𝔅| + log(meanBound())}, for settings where {@link #totalBound()} is too costly
     * ({@link #exactMemoryBytes()}). Absolute error about {@code 2^-53·log|𝔅|} plus the relative error of
     * {@link #meanBound()}.
     *
     * @return {@code log L}; {@code -Infinity} when the bound is 0 ({@code b = 2})
     */
    public double logTotalBound() {
        return Multisets.logCount(size(), batch) + Math.log(meanBound());
    }

    /** {@code M_{l+1}/M_l} for {@code 0 ≤ l < b}. */
    private double ratio(int l) {
        double up = (double) (perClass + l) * (batch - l);
        double down = (l + 1.0) * ((long) size() - perClass + batch - l - 1);
        return up / down;
    }

    /** The mode of M_l: the first l with {@code M_{l+1} < M_l} (ratio below 1, compared exactly), or b. */
    private int mode() {
        int lo = 0;
        int hi = batch;
        while (lo < hi) {
            int mid = (int) (((long) lo + hi) >>> 1);
            long up = (perClass + (long) mid) * (batch - mid);
            long down = (mid + 1L) * ((long) size() - perClass + batch - mid - 1);
            if (up < down) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The mean bound from the exact total: {@code totalBound / |𝔅|}, for cross-checking {@link #meanBound()}.
     *
     * @return the mean bound
     */
    public double meanBoundExact() {
        return totalBound().divide(new BigDecimal(batchCount()), MathContext.DECIMAL64).doubleValue();
    }

    /**
     * The terms of the Theorem 2 sum, one per class count {@code l = 0..b}. Cost: see
     * {@link #exactMemoryBytes()}.
     *
     * @return the terms, with {@code M_l} exact and each contribution {@code M_l·level_l}
     * @throws IllegalArgumentException if {@link #exactMemoryBytes()} exceeds the heap limit
     */
    public List<Term> terms() {
        BigInteger[] m = batchCountsWithMultiplicity();
        List<Term> terms = new ArrayList<>();
        for (int l = 0; l <= batch; l++) {
            double level = level(l);
            terms.add(new Term(l, m[l], level, new BigDecimal(m[l]).multiply(new BigDecimal(level)).round(MathContext.DECIMAL64)));
        }
        return terms;
    }

    /**
     * One term of the Theorem 2 sum.
     *
     * @param l class count
     * @param batchCountWithMultiplicity {@code M_l}
     * @param level {@code l·log(l-1 + (b-l)e^{-Kρ²/(K-1)})}, 0 for {@code l < 2}
     * @param contribution {@code M_l · level}
     */
    public record Term(int l, BigInteger batchCountWithMultiplicity, double level, BigDecimal contribution) {
    }

    /** @return K */
    public int classes() {
        return classes;
    }

    /** @return n */
    public int perClass() {
        return perClass;
    }

    /** @return b */
    public int batch() {
        return batch;
    }

    /** @return ρ² */
    public double rho2() {
        return rho2;
    }

    private void checkCount(int l) {
        if (l < 0 || l > batch) {
            throw new IllegalArgumentException("class count l must lie in 0.." + batch + ", got " + l);
        }
    }
}
