package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;
import org.junit.jupiter.api.Test;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Theorem 2 and its counts over whole parameter ranges, each against a computation done in the test:
 * brute-force sums of Definition 2 over every multiset batch, enumeration, and exact big-integer
 * arithmetic.
 */
class SupervisedContrastiveBoundProperties {

    /** Σ over every multiset batch (enumerated here as nondecreasing tuples) of Definition 2's loss. */
    private static double bruteForceTotal(double[][] z, int[] labels, int batchSize) {
        double total = 0;
        for (int[] batch : Reference.multisets(labels.length, batchSize)) {
            total += SupervisedContrastive.batchLoss(z, labels, batch);
        }
        return total;
    }

    /**
     * Rounding allowance for a brute-force total: every anchor term is a log-sum-exp minus a positive
     * logit, both of size up to ρ², so it carries an absolute error of a few ulps of {@code max(1, ρ²)};
     * there are {@code b·|𝔅|} anchor terms. The relative part, 1e-12, is the brief's requirement.
     */
    private static double tolerance(double total, double rho2, int batchSize, int batches) {
        return 1e-12 * Math.abs(total) + 8.0 * batchSize * batches * Math.ulp(Math.max(1, rho2));
    }

    /**
     * Theorem 2 is an equality at the simplex: with every point at its class vertex of
     * {@code RegularSimplex.regularSimplex(K, h, ρ)} (h from K-1 to K+1), the Definition 2 loss summed
     * over EVERY multiset batch equals {@code totalBound()} (relative 1e-12), for K in 2..3, n in 1..3,
     * b in 2..5 (at most C(13, 5) = 1287 batches) and ρ log-uniform in [0.1, 10].
     */
    @Property(tries = 40)
    void totalBoundEqualsTheBruteForceSumOverEveryBatchAtTheSimplex(
            @ForAll @IntRange(min = 2, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int perClass,
            @ForAll @IntRange(min = 2, max = 5) int batchSize, @ForAll @IntRange(min = 0, max = 2) int extraDim,
            @ForAll @DoubleRange(min = -1, max = 1) @Scale(6) double log10Rho) {
        double rho = Math.pow(10, log10Rho);
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = Reference.collapsed(RegularSimplex.regularSimplex(k, k - 1 + extraDim, rho), labels);
        double brute = bruteForceTotal(z, labels, batchSize);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, rho * rho);
        int batches = Reference.multisets(labels.length, batchSize).size();
        double total = bound.totalBound().doubleValue();
        Reference.assertWithin(brute, total, tolerance(brute, rho * rho, batchSize, batches),
            "Theorem 2 total at the simplex, K=" + k + " n=" + perClass + " b=" + batchSize + " rho=" + rho);
    }

    /**
     * Theorem 2 is a lower bound: uniformly random points on the ρ-sphere (any h from 1 to K+1, so also
     * where no simplex fits), and simplex configurations perturbed by relative noise σ in [1e-4, 0.3]
     * and pushed back to the sphere, never have a brute-force total below {@code totalBound()}
     * (relative slack 1e-12 plus the rounding allowance above).
     */
    @Property(tries = 40)
    void randomConfigurationsOnTheSphereNeverFallBelowTheBound(
            @ForAll @IntRange(min = 2, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int perClass,
            @ForAll @IntRange(min = 2, max = 5) int batchSize, @ForAll boolean nearSimplex, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double rho = Reference.logUniform(rng, 0.1, 10);
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z;
        if (nearSimplex) {
            int dim = k - 1 + rng.nextInt(3);
            double sigma = Reference.logUniform(rng, 1e-4, 0.3);
            z = Reference.collapsed(RegularSimplexTest.rotate(RegularSimplex.regularSimplex(k, dim, rho), rng), labels);
            for (int i = 0; i < z.length; i++) {
                for (int j = 0; j < dim; j++) {
                    z[i][j] += sigma * rho * Reference.gaussian(rng);
                }
                z[i] = Reference.scale(z[i], rho / Reference.norm(z[i]));
            }
        } else {
            z = Reference.sphere(rng, labels.length, 1 + rng.nextInt(k + 1), rho);
        }
        double brute = bruteForceTotal(z, labels, batchSize);
        double total = new SupervisedContrastiveBound(k, perClass, batchSize, rho * rho).totalBound().doubleValue();
        int batches = Reference.multisets(labels.length, batchSize).size();
        assertTrue(brute >= total - tolerance(total, rho * rho, batchSize, batches),
            "brute-force total " + brute + " below the Theorem 2 bound " + total);
    }

    /**
     * {@code Σ_{l=0..b} M_l = K·|𝔅|} exactly: every batch is counted once per class. |𝔅| = C(N+b-1, b) is
     * computed here from a falling factorial. Ranges up to CIFAR size (K ≤ 100, n ≤ 5000, b ≤ 256).
     * Also {@code batchCountWithMultiplicity(l) = batchCountsWithMultiplicity()[l]} and
     * {@code M_l = K·C(n+l-1, l)·C(N-n+b-l-1, b-l)} with the test's own binomials, at every l.
     */
    @Property(tries = 40)
    void batchCountsWithMultiplicitySumToKTimesTheNumberOfBatches(
            @ForAll @IntRange(min = 2, max = 100) int k, @ForAll @IntRange(min = 1, max = 5000) int perClass,
            @ForAll @IntRange(min = 2, max = 256) int batchSize) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 1.0);
        int size = k * perClass;
        BigInteger batches = Reference.binomial(size + batchSize - 1, batchSize);
        assertEquals(batches, bound.batchCount(), "|B|");
        BigInteger[] m = bound.batchCountsWithMultiplicity();
        assertEquals(batchSize + 1, m.length);
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger ml : m) {
            sum = sum.add(ml);
        }
        assertEquals(batches.multiply(BigInteger.valueOf(k)), sum, "sum of M_l");
        for (int l = 0; l <= batchSize; l += 1 + batchSize / 12) {
            BigInteger expected = BigInteger.valueOf(k).multiply(Reference.multisetCount(perClass, l))
                .multiply(Reference.multisetCount(size - perClass, batchSize - l));
            assertEquals(expected, m[l], "M_" + l);
            assertEquals(m[l], bound.batchCountWithMultiplicity(l), "batchCountWithMultiplicity(" + l + ")");
        }
    }

    /** The single-l accessor equals the array at EVERY l (moderate sizes, to keep the O(b²) cost small). */
    @Property(tries = 30)
    void batchCountWithMultiplicityEqualsTheArrayAtEveryL(
            @ForAll @IntRange(min = 2, max = 20) int k, @ForAll @IntRange(min = 1, max = 500) int perClass,
            @ForAll @IntRange(min = 2, max = 64) int batchSize) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 1.0);
        BigInteger[] m = bound.batchCountsWithMultiplicity();
        for (int l = 0; l <= batchSize; l++) {
            assertEquals(m[l], bound.batchCountWithMultiplicity(l), "l=" + l);
        }
    }

    /**
     * The meaning of M_l, by brute force: K times the number of multisets (enumerated) with exactly l
     * members of class 0 (by symmetry every class has the same count), for N·b small.
     */
    @Property(tries = 40)
    void batchCountWithMultiplicityCountsBatchesWithLMembersOfAClass(
            @ForAll @IntRange(min = 2, max = 4) int k, @ForAll @IntRange(min = 1, max = 3) int perClass,
            @ForAll @IntRange(min = 2, max = 6) int batchSize) {
        int[] labels = Reference.balancedLabels(k, perClass);
        long[] perL = new long[batchSize + 1];
        long[][] perClassAndL = new long[k][batchSize + 1];
        for (int[] batch : Reference.multisets(labels.length, batchSize)) {
            int[] counts = new int[k];
            for (int i : batch) {
                counts[labels[i]]++;
            }
            perL[counts[0]]++;
            for (int y = 0; y < k; y++) {
                perClassAndL[y][counts[y]]++;
            }
        }
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 1.0);
        for (int l = 0; l <= batchSize; l++) {
            long summedOverClasses = 0;
            for (int y = 0; y < k; y++) {
                summedOverClasses += perClassAndL[y][l];
            }
            assertEquals(BigInteger.valueOf(summedOverClasses), bound.batchCountWithMultiplicity(l), "M_" + l + " (sum over y)");
            assertEquals(BigInteger.valueOf(k * perL[l]), bound.batchCountWithMultiplicity(l), "M_" + l + " (K x class 0)");
        }
    }

    /**
     * {@code logBatchCountWithMultiplicity(l)} against the log of the exact M_l (from its leading bits).
     * Tolerance {@code 1e-13·max(1, |log|)}: three log-gamma-based terms, each within a few ulps.
     */
    @Property(tries = 40)
    void logBatchCountWithMultiplicityIsTheLogOfTheExactCount(
            @ForAll @IntRange(min = 2, max = 100) int k, @ForAll @IntRange(min = 1, max = 5000) int perClass,
            @ForAll @IntRange(min = 2, max = 256) int batchSize) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 1.0);
        BigInteger[] m = bound.batchCountsWithMultiplicity();
        for (int l = 0; l <= batchSize; l += 1 + batchSize / 10) {
            double expected = Reference.log(m[l]);
            Reference.assertWithin(expected, bound.logBatchCountWithMultiplicity(l), 1e-13 * Math.max(1, Math.abs(expected)),
                "log M_" + l);
        }
    }

    /** The test's own level: {@code l·log(l-1 + (b-l)e^{-Kρ²/(K-1)})}, with log1p at l = 2 (where l-1 = 1). */
    static double level(int k, int batchSize, double rho2, int l) {
        if (l < 2) {
            return 0;
        }
        double e = Math.exp(-k * rho2 / (k - 1));
        return l == 2 ? 2 * Math.log1p((batchSize - 2) * e) : l * Math.log(l - 1 + (batchSize - l) * e);
    }

    /**
     * classLevel against the formula. The argument {@code l-1+(b-l)e} is ≥ 2 for l ≥ 3, so its log is
     * well conditioned: 1e-14 relative covers the handful of roundings (exp of an argument up to ~200
     * adds a relative error ~2e-14 to the small term only).
     */
    @Property(tries = 100)
    void classLevelMatchesItsFormula(@ForAll @IntRange(min = 2, max = 100) int k,
                                     @ForAll @IntRange(min = 2, max = 300) int batchSize,
                                     @ForAll @DoubleRange(min = -3, max = 2) @Scale(6) double log10Rho2) {
        double rho2 = Math.pow(10, log10Rho2);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, 1, batchSize, rho2);
        for (int l = 0; l <= batchSize; l++) {
            Reference.assertRelative(level(k, batchSize, rho2, l), bound.classLevel(l), 1e-14, "level " + l);
        }
        assertEquals(0.0, bound.classLevel(0));
        assertEquals(0.0, bound.classLevel(1));
    }

    /**
     * The Theorem 2 total against an exact sum done in the test (BigDecimal M_l from the test's binomials
     * times the test's levels), and the mean against that total over |𝔅|. Relative 1e-13 (levels differ
     * by a few ulps; the sums are exact).
     */
    @Property(tries = 40)
    void totalAndExactMeanEqualAnIndependentExactSum(@ForAll @IntRange(min = 2, max = 30) int k,
                                                     @ForAll @IntRange(min = 1, max = 300) int perClass,
                                                     @ForAll @IntRange(min = 2, max = 64) int batchSize,
                                                     @ForAll @DoubleRange(min = -2, max = 1.5) @Scale(6) double log10Rho2) {
        double rho2 = Math.pow(10, log10Rho2);
        int size = k * perClass;
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 2; l <= batchSize; l++) {
            BigInteger ml = BigInteger.valueOf(k).multiply(Reference.multisetCount(perClass, l))
                .multiply(Reference.multisetCount(size - perClass, batchSize - l));
            total = total.add(new BigDecimal(ml).multiply(new BigDecimal(level(k, batchSize, rho2, l))));
        }
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, rho2);
        BigDecimal actual = bound.totalBound();
        if (total.signum() == 0) {
            assertEquals(0, actual.signum(), "zero total");
            return;
        }
        double relative = actual.subtract(total).abs().divide(total, MathContext.DECIMAL64).doubleValue();
        assertTrue(relative <= 1e-13, "total " + actual + " vs " + total + " (relative " + relative + ")");
        double mean = total.divide(new BigDecimal(Reference.multisetCount(size, batchSize)), MathContext.DECIMAL64).doubleValue();
        Reference.assertRelative(mean, bound.meanBoundExact(), 1e-13, "meanBoundExact");
    }

    /**
     * Log-space and exact means agree up to CIFAR-like sizes (K ≤ 100, n ≤ 5000, b ≤ 256). Tolerance
     * 1e-11 relative: {@code log|𝔅|} reaches ~1.7e3, where one ulp is 2.3e-13, and each weight
     * {@code exp(log M_l - log|𝔅|)} inherits the absolute error of that difference (a few ulps) as a
     * relative error; observed ≤ 5e-13.
     */
    @Property(tries = 25)
    void logSpaceAndExactMeanBoundsAgree(@ForAll @IntRange(min = 2, max = 100) int k,
                                         @ForAll @IntRange(min = 1, max = 5000) int perClass,
                                         @ForAll @IntRange(min = 2, max = 256) int batchSize,
                                         @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho2) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, Math.pow(10, log10Rho2));
        double exact = bound.meanBoundExact();
        double logSpace = bound.meanBound();
        if (batchSize == 2) {
            assertEquals(0.0, exact);
            assertEquals(0.0, logSpace);
        } else {
            Reference.assertRelative(exact, logSpace, 1e-11, "meanBound vs meanBoundExact");
        }
    }

    /** terms(): one per l, each with M_l, the level and their product; the contributions add to the total. */
    @Property(tries = 30)
    void termsListEveryLWithItsCountLevelAndContribution(@ForAll @IntRange(min = 2, max = 20) int k,
                                                         @ForAll @IntRange(min = 1, max = 200) int perClass,
                                                         @ForAll @IntRange(min = 2, max = 64) int batchSize) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 2.0);
        List<SupervisedContrastiveBound.Term> terms = bound.terms();
        assertEquals(batchSize + 1, terms.size());
        BigInteger[] m = bound.batchCountsWithMultiplicity();
        BigDecimal sum = BigDecimal.ZERO;
        for (int l = 0; l <= batchSize; l++) {
            SupervisedContrastiveBound.Term t = terms.get(l);
            assertEquals(l, t.l());
            assertEquals(m[l], t.batchCountWithMultiplicity());
            assertEquals(bound.classLevel(l), t.level());
            BigDecimal product = new BigDecimal(m[l]).multiply(new BigDecimal(t.level()));
            // the contribution is rounded to 16 digits (DECIMAL64)
            if (product.signum() == 0) {
                assertEquals(0, t.contribution().signum());
            } else {
                double relative = t.contribution().subtract(product).abs().divide(product, MathContext.DECIMAL64).doubleValue();
                assertTrue(relative <= 1e-15, "contribution " + l + " relative " + relative);
            }
            sum = sum.add(t.contribution());
        }
        BigDecimal total = bound.totalBound();
        if (total.signum() != 0) {
            double relative = sum.subtract(total).abs().divide(total, MathContext.DECIMAL64).doubleValue();
            assertTrue(relative <= 1e-14, "sum of contributions vs total, relative " + relative);
        }
    }

    /** The exact mean {@code Σ_l M_l·level_l / |𝔅|} from the test's own binomials and levels, in BigDecimal. */
    private static double exactMean(int k, int perClass, int batchSize, double rho2) {
        int size = k * perClass;
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 2; l <= batchSize; l++) {
            BigInteger ml = BigInteger.valueOf(k).multiply(Reference.multisetCount(perClass, l))
                .multiply(Reference.multisetCount(size - perClass, batchSize - l));
            total = total.add(new BigDecimal(ml).multiply(new BigDecimal(level(k, batchSize, rho2, l))));
        }
        return total.divide(new BigDecimal(Reference.binomial(size + batchSize - 1, batchSize)), MathContext.DECIMAL128)
            .doubleValue();
    }

    /**
     * meanBound (weights multiplied outward from the mode, negligible ones skipped) against the exact
     * mean over a grid of small settings: every K in 2..6, n in 1..6, b in 2..40, ρ² in {0.1, 1, 10}.
     * Tolerance: the stated {@code (5D + 8)} units of roundoff with D ≤ b+1 terms, plus 1e-14 relative
     * for the test's own levels (which round differently at l = 2).
     */
    @Test
    void meanBoundEqualsTheExactMeanOnAGridOfSmallSettings() {
        for (int k = 2; k <= 6; k++) {
            for (int perClass = 1; perClass <= 6; perClass++) {
                for (int b = 2; b <= 40; b += 1 + b / 8) {
                    for (double rho2 : new double[] {0.1, 1, 10}) {
                        double exact = exactMean(k, perClass, b, rho2);
                        double actual = new SupervisedContrastiveBound(k, perClass, b, rho2).meanBound();
                        double tolerance = ((5.0 * (b + 1) + 8) * Reference.UNIT_ROUNDOFF + 1e-14) * exact;
                        Reference.assertWithin(exact, actual, tolerance, "K=" + k + " n=" + perClass + " b=" + b + " rho2=" + rho2);
                    }
                }
            }
        }
    }

    /**
     * Large batches where most class counts are negligible and skipped (b up to 3000 against N down to
     * 2): meanBound against the exact mean. Tolerance as above, D ≤ b+1.
     */
    @Property(tries = 15)
    void meanBoundEqualsTheExactMeanWhenMostTermsAreSkipped(@ForAll @IntRange(min = 2, max = 20) int k,
                                                           @ForAll @IntRange(min = 1, max = 50) int perClass,
                                                           @ForAll @IntRange(min = 200, max = 3000) int batchSize,
                                                           @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho2) {
        double rho2 = Math.pow(10, log10Rho2);
        double exact = new SupervisedContrastiveBound(k, perClass, batchSize, rho2).meanBoundExact();
        double actual = new SupervisedContrastiveBound(k, perClass, batchSize, rho2).meanBound();
        Reference.assertRelative(exact, actual, (5.0 * (batchSize + 1) + 8) * Reference.UNIT_ROUNDOFF + 1e-14,
            "K=" + k + " n=" + perClass + " b=" + batchSize);
    }

    /**
     * At b = 10^6 (too large for the exact route in a test) the mean against the full log-space sum over
     * every l = 2..b done here with Commons Numbers' log-binomials: {@code Σ_l exp(log M_l - log|𝔅|)·level_l}.
     * Each log weight carries an absolute error of a few ulps of {@code log|𝔅|} (about 2e5 here, ulp 3e-11):
     * tolerance 1e-9 relative.
     */
    @Test
    void meanBoundAtAMillionEqualsTheFullLogSpaceSum() {
        int k = 10;
        int perClass = 5000;
        int b = 1_000_000;
        double rho2 = 10;
        int size = k * perClass;
        double logBatches = LogBinomialCoefficient.value(size + b - 1, b);
        double sum = 0;
        for (int l = 2; l <= b; l++) {
            double logM = Math.log(k) + LogBinomialCoefficient.value(perClass + l - 1, l)
                + LogBinomialCoefficient.value(size - perClass + b - l - 1, b - l);
            sum += Math.exp(logM - logBatches) * level(k, b, rho2, l);
        }
        Reference.assertRelative(sum, new SupervisedContrastiveBound(k, perClass, b, rho2).meanBound(), 1e-9, "b = 10^6");
    }

    /**
     * b = 10^8 at CIFAR size and at N = 10^9: meanBound sums only the weighted window (5.5·10^6 and 1.4·10^4
     * terms), so it returns in well under a second (the previous O(b) sum took minutes). Asserted below
     * 10 s so that a loaded build machine cannot fail it while an O(b) regression still would; the value
     * is finite and positive and at most K·level(b) (a mean of K class contributions, each at most
     * level(b) since levels increase with l).
     */
    @Test
    void meanBoundAtAHundredMillionIsFast() {
        for (int[] setting : new int[][] {{10, 5000, 100_000_000}, {1000, 1_000_000, 100_000_000}}) {
            SupervisedContrastiveBound bound = new SupervisedContrastiveBound(setting[0], setting[1], setting[2], 10.0);
            long start = System.nanoTime();
            double mean = bound.meanBound();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 10, seconds + " s for b = " + setting[2]);
            assertTrue(mean > 0 && mean <= setting[0] * bound.classLevel(setting[2]), "mean " + mean);
        }
    }

    /**
     * The cost figures against the exact objects they describe: batchCountDigits is the digit count of
     * the exact |𝔅|, log10BatchCount its log (1e-13 relative), logTotalBound the log of the exact total
     * (1e-12 absolute plus the mean's error), and exactMemoryBytes bounds the big integers' actual size
     * (3(b+1) of at most bitLength(K|𝔅|) bits).
     */
    @Property(tries = 40)
    void costFiguresDescribeTheExactObjects(@ForAll @IntRange(min = 2, max = 50) int k,
                                            @ForAll @IntRange(min = 1, max = 2000) int perClass,
                                            @ForAll @IntRange(min = 3, max = 300) int batchSize) {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 2.0);
        BigInteger batches = Reference.binomial((long) k * perClass + batchSize - 1, batchSize);
        assertEquals(batches.toString().length(), bound.batchCountDigits(), "digits of |B|");
        Reference.assertRelative(Reference.log(batches) / Math.log(10), bound.log10BatchCount(), 1e-13, "log10 |B|");
        BigDecimal total = bound.totalBound();
        double logTotal = Reference.log(total.unscaledValue()) - total.scale() * Math.log(10);
        Reference.assertWithin(logTotal, bound.logTotalBound(), 1e-9 * Math.abs(logTotal) + 1e-9, "log total");
        long bits = 0;
        for (BigInteger m : bound.batchCountsWithMultiplicity()) {
            bits += m.bitLength();
        }
        assertTrue(bound.exactMemoryBytes() >= bits / 8.0, "memory estimate " + bound.exactMemoryBytes() + " < " + bits / 8);
        // the stated formula: 3(b+1)(48 + bits/8) with bits = log2(K|B|) + 1, which lies in
        // [bitLength(K|B|), bitLength(K|B|) + 1)
        int maxBits = batches.multiply(BigInteger.valueOf(k)).bitLength();
        double low = 3 * (batchSize + 1.0) * (48 + maxBits / 8.0);
        assertTrue(bound.exactMemoryBytes() >= low * (1 - 1e-12) && bound.exactMemoryBytes() < low + 3 * (batchSize + 1.0) / 8,
            "estimate " + bound.exactMemoryBytes() + " vs " + low);
    }

    /**
     * A subnormal ρ² (what the command line passes when ρ > 0 underflows ρ²) gives finite results that
     * equal those at ρ² = 1e-300 to every double digit: exp(-Kρ²/(K-1)) is 1 in both.
     */
    @Property(tries = 20)
    void subnormalRho2GivesTheSameFiniteBoundAsATinyNormalOne(@ForAll @IntRange(min = 2, max = 20) int k,
                                                             @ForAll @IntRange(min = 1, max = 100) int perClass,
                                                             @ForAll @IntRange(min = 2, max = 100) int batchSize) {
        SupervisedContrastiveBound sub = new SupervisedContrastiveBound(k, perClass, batchSize, Double.MIN_VALUE);
        SupervisedContrastiveBound tiny = new SupervisedContrastiveBound(k, perClass, batchSize, 1e-300);
        assertEquals(tiny.meanBound(), sub.meanBound());
        assertEquals(tiny.totalBound(), sub.totalBound());
        assertEquals(tiny.classLevel(batchSize), sub.classLevel(batchSize));
        assertTrue(Double.isFinite(sub.meanBound()));
        // at rho^2 -> 0 every logit is equal: level_l = l·log(b-1), the uninformative level
        Reference.assertRelative(batchSize * Math.log(batchSize - 1), sub.classLevel(batchSize), 1e-15, "level_b");
    }

    /**
     * meanBoundTerms against the number of l with {@code M_l/M_mode ≥ 2^-300}, counted here from the
     * exact M_l (bit lengths: {@code M_l·2^300 ≥ M_mode}), over a grid of narrow (N ≫ b) and broad
     * (N ≪ b, up to uniform at N = 2) distributions: the normal approximation overestimates the window
     * by at most 24 % there (the tails are lighter than Gaussian); asserted within [0.95, 1.3].
     */
    @Test
    void meanBoundTermsEstimatesTheWindowWithinThirtyPercent() {
        for (int k : new int[] {2, 3, 5, 10}) {
            for (int perClass : new int[] {1, 2, 5, 50, 500, 2000}) {
                for (int batchSize : new int[] {50, 200, 700, 1500}) {
                    SupervisedContrastiveBound bound = new SupervisedContrastiveBound(k, perClass, batchSize, 1.0);
                    BigInteger[] m = bound.batchCountsWithMultiplicity();
                    BigInteger max = BigInteger.ZERO;
                    for (BigInteger ml : m) {
                        max = max.max(ml);
                    }
                    int window = 0;
                    for (BigInteger ml : m) {
                        if (ml.shiftLeft(300).compareTo(max) >= 0) {
                            window++;
                        }
                    }
                    double estimate = bound.meanBoundTerms();
                    assertTrue(estimate <= batchSize + 1 && estimate >= 0.95 * window && estimate <= 1.3 * window,
                        "K=" + k + " n=" + perClass + " b=" + batchSize + ": estimate " + estimate + " vs window " + window);
                }
            }
        }
    }

    /**
     * meanBoundTerms is capped at the b+1 class counts there are: at N = 2 (K = 2, n = 1) one class's
     * count is uniform on 0..b, every M_l equal, and all b+1 terms are summed.
     */
    @Test
    void meanBoundTermsIsCappedAtEveryClassCount() {
        for (int b : new int[] {2, 9, 1000, Integer.MAX_VALUE}) {
            assertEquals(b + 1.0, new SupervisedContrastiveBound(2, 1, b, 1.0).meanBoundTerms(), "b=" + b);
        }
    }

    /**
     * Where the mode matters: K = 2, n = b = 10^6, one class's count concentrated (σ ≈ 600) around
     * b/2, so that weights relative to any other start overflow a double by far. meanBound against the
     * full log-space sum over every l done here (tolerance 1e-8: log|𝔅| ≈ 1.9e6, ulp 2.3e-10).
     */
    @Test
    void meanBoundOfAConcentratedCountEqualsTheFullLogSpaceSum() {
        int k = 2;
        int perClass = 1_000_000;
        int b = 1_000_000;
        double rho2 = 1;
        int size = k * perClass;
        double logBatches = LogBinomialCoefficient.value(size + b - 1, b);
        double sum = 0;
        for (int l = 2; l <= b; l++) {
            double logM = Math.log(k) + LogBinomialCoefficient.value(perClass + l - 1, l)
                + LogBinomialCoefficient.value(size - perClass + b - l - 1, b - l);
            sum += Math.exp(logM - logBatches) * level(k, b, rho2, l);
        }
        Reference.assertRelative(sum, new SupervisedContrastiveBound(k, perClass, b, rho2).meanBound(), 1e-8, "K=2, n=b=10^6");
    }
}
