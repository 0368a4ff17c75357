package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BatchSamplingTest {

    private static final MathContext CONTEXT = new MathContext(40);

    /** Exact ratio of big integers as a double (correct to ~40 digits before the final rounding). */
    private static double exactRatio(BigInteger numerator, BigInteger denominator) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), CONTEXT).doubleValue();
    }

    /**
     * Allowed relative error of a probability computed as {@code exp(Σ log-terms)}: each log term is
     * accurate to a few ulps of its own magnitude, and the exponential turns the absolute error of the
     * sum into a relative error. {@code magnitude} bounds the sum of the terms' absolute values.
     */
    private static double relativeTolerance(double magnitude) {
        return 1e-15 * (16 + 8 * magnitude);
    }

    private static void assertProbability(double exact, double actual, double magnitude, String what) {
        // probabilities below the normal range are only required to be tiny
        Reference.assertWithin(exact, actual, relativeTolerance(magnitude) * exact + Double.MIN_NORMAL, what);
    }

    /**
     * Each distribution sums to 1 over c = 0..bsz, up to CIFAR sizes. Tolerance 1e-11: the terms carry
     * the relative errors above (log terms up to ~1.7e3, ulp 2.3e-13) and are all nonnegative, so their
     * sum carries at most the largest relative error; observed ≤ 3e-13.
     */
    @Property(tries = 60)
    void everyDistributionSumsToOne(@ForAll @IntRange(min = 2, max = 100) int k,
                                    @ForAll @IntRange(min = 1, max = 5000) int perClass,
                                    @ForAll @IntRange(min = 1, max = 256) int batch) {
        int size = k * perClass;
        for (BatchSampling sampling : BatchSampling.values()) {
            if (sampling == BatchSampling.WITHOUT_REPLACEMENT && batch > size) {
                continue;
            }
            double[] p = sampling.classCountDistribution(k, size, batch);
            assertEquals(batch + 1, p.length);
            double sum = 0;
            double mean = 0;
            for (int c = 0; c <= batch; c++) {
                assertTrue(p[c] >= 0 && p[c] <= 1, sampling + " p[" + c + "] = " + p[c]);
                sum += p[c];
                mean += c * p[c];
            }
            Reference.assertWithin(1.0, sum, 1e-11, sampling + " total probability");
            // by symmetry between the K classes each holds bsz/K instances on average
            Reference.assertRelative((double) batch / k, mean, 1e-11, sampling + " mean count");
        }
    }

    /**
     * MULTISET against brute force: the fraction of all enumerated multisets of bsz indices that hold
     * exactly c members of class 0 (small N and bsz).
     */
    @Property(tries = 40)
    void multisetDistributionMatchesEnumeration(@ForAll @IntRange(min = 2, max = 4) int k,
                                                @ForAll @IntRange(min = 1, max = 3) int perClass,
                                                @ForAll @IntRange(min = 1, max = 6) int batch) {
        int[] labels = Reference.balancedLabels(k, perClass);
        long[] counts = new long[batch + 1];
        long total = 0;
        for (int[] b : Reference.multisets(labels.length, batch)) {
            int c = 0;
            for (int i : b) {
                c += labels[i] == 0 ? 1 : 0;
            }
            counts[c]++;
            total++;
        }
        double[] p = BatchSampling.MULTISET.classCountDistribution(k, labels.length, batch);
        for (int c = 0; c <= batch; c++) {
            Reference.assertWithin((double) counts[c] / total, p[c], 1e-13, "P(c=" + c + ")");
        }
    }

    /** MULTISET against the exact ratio C(n+c-1, c)·C(N-n+bsz-c-1, bsz-c) / C(N+bsz-1, bsz) at larger sizes. */
    @Property(tries = 40)
    void multisetDistributionMatchesExactCounts(@ForAll @IntRange(min = 2, max = 50) int k,
                                                @ForAll @IntRange(min = 1, max = 2000) int perClass,
                                                @ForAll @IntRange(min = 1, max = 128) int batch) {
        int size = k * perClass;
        BigInteger all = Reference.multisetCount(size, batch);
        double magnitude = 3 * Reference.log(all);
        double[] p = BatchSampling.MULTISET.classCountDistribution(k, size, batch);
        for (int c = 0; c <= batch; c++) {
            BigInteger favourable = Reference.multisetCount(perClass, c).multiply(Reference.multisetCount(size - perClass, batch - c));
            assertProbability(exactRatio(favourable, all), p[c], magnitude, "P(c=" + c + ")");
        }
    }

    /**
     * WITH_REPLACEMENT is Binomial(bsz, 1/K): {@code P(c) = C(bsz, c)·(K-1)^{bsz-c} / K^bsz}, exact in big
     * integers here.
     */
    @Property(tries = 60)
    void withReplacementIsTheExactBinomial(@ForAll @IntRange(min = 2, max = 100) int k,
                                           @ForAll @IntRange(min = 1, max = 5000) int perClass,
                                           @ForAll @IntRange(min = 1, max = 256) int batch) {
        double[] p = BatchSampling.WITH_REPLACEMENT.classCountDistribution(k, k * perClass, batch);
        BigInteger denominator = BigInteger.valueOf(k).pow(batch);
        double magnitude = batch * (Math.log(2) + Math.log(k) + 1);
        for (int c = 0; c <= batch; c++) {
            BigInteger numerator = Reference.binomial(batch, c).multiply(BigInteger.valueOf(k - 1).pow(batch - c));
            assertProbability(exactRatio(numerator, denominator), p[c], magnitude, "P(c=" + c + ")");
        }
    }

    /**
     * WITHOUT_REPLACEMENT is Hypergeometric(N, n, bsz): {@code P(c) = C(n, c)·C(N-n, bsz-c) / C(N, bsz)},
     * exact in big integers here, and exactly 0 where c > n or bsz - c > N - n.
     */
    @Property(tries = 60)
    void withoutReplacementIsTheExactHypergeometric(@ForAll @IntRange(min = 2, max = 50) int k,
                                                    @ForAll @IntRange(min = 1, max = 2000) int perClass,
                                                    @ForAll @IntRange(min = 1, max = 256) int batchWanted) {
        int size = k * perClass;
        int batch = Math.min(batchWanted, size);
        double[] p = BatchSampling.WITHOUT_REPLACEMENT.classCountDistribution(k, size, batch);
        BigInteger all = Reference.binomial(size, batch);
        double magnitude = 3 * Reference.log(all) + 1;
        for (int c = 0; c <= batch; c++) {
            BigInteger favourable = Reference.binomial(perClass, c).multiply(Reference.binomial(size - perClass, batch - c));
            if (favourable.signum() == 0) {
                assertEquals(0.0, p[c], "impossible count " + c);
            } else {
                assertProbability(exactRatio(favourable, all), p[c], magnitude, "P(c=" + c + ")");
            }
        }
    }

    @Test
    void takingTheWholeDataSetWithoutReplacementGivesEveryClassExactlyN() {
        double[] p = BatchSampling.WITHOUT_REPLACEMENT.classCountDistribution(4, 12, 12);
        for (int c = 0; c <= 12; c++) {
            Reference.assertWithin(c == 3 ? 1.0 : 0.0, p[c], 1e-15, "P(c=" + c + ")");
        }
    }

    @Test
    void invalidSetupsAreRejected() {
        for (BatchSampling s : BatchSampling.values()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.classCountDistribution(3, 10, 4))
                .getMessage().contains("divisible"));
            assertThrows(IllegalArgumentException.class, () -> s.classCountDistribution(1, 10, 4));
            assertThrows(IllegalArgumentException.class, () -> s.classCountDistribution(2, 10, 0));
            assertThrows(IllegalArgumentException.class, () -> s.classCountDistribution(5, 4, 1));
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> BatchSampling.WITHOUT_REPLACEMENT.classCountDistribution(2, 10, 11)).getMessage().contains("exceeds"));
        // with replacement (and multisets) a batch may be larger than the data set
        assertEquals(12, BatchSampling.WITH_REPLACEMENT.classCountDistribution(2, 10, 11).length);
        assertEquals(12, BatchSampling.MULTISET.classCountDistribution(2, 10, 11).length);
    }

    /**
     * bsz + 1 probabilities: bsz = 2^31 - 9 needs one element more than the JVM allows; bsz = 2^31 - 10
     * needs 17 GB, refused below that heap (assumed only where the heap limit is below 16 GB, so that the
     * test never allocates them).
     */
    @Test
    void distributionsThatCannotBeAllocatedAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> BatchSampling.WITH_REPLACEMENT.classCountDistribution(2, 2, Checks.MAX_ARRAY_LENGTH));
        assertTrue(e.getMessage().contains("needs an array of 2147483640 elements"), e.getMessage());
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 16e9, "heap below 16 GB");
        e = assertThrows(IllegalArgumentException.class,
            () -> BatchSampling.WITH_REPLACEMENT.classCountDistribution(2, 2, Checks.MAX_ARRAY_LENGTH - 1));
        assertTrue(e.getMessage().contains("needs about 1.72e+10 bytes"), e.getMessage());
    }
}
