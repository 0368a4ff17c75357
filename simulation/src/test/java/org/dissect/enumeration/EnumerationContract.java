package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.dissect.engine.Engine;
import org.dissect.theory.LabelConfiguration;
import org.dissect.theory.SupervisedContrastive;
import org.dissect.theory.SupervisedContrastiveBound;

/**
 * The suite every engine runs against the naive reference ({@link NaiveEnumeration}: Definition 2 batch by
 * batch). Tolerances, and why:
 * <ul>
 *   <li>totals: {@code 1e-12 ×} {@link TestProblems#scale}, the sum of the magnitudes of all anchor terms. Both
 *       sides sum in compensated arithmetic, so their difference is the per-batch rounding (log-sum-exp per
 *       anchor in the reference, shifted denominators and one log per batch in the engines), a few ε per term;
 *   <li>{@code ∂L/∂G}: entries are sums of per-anchor softmax weights (each at most b per batch); the reference
 *       adds them in plain double, so {@code 1e-12 × |𝔅|·b²};
 *   <li>the Theorem 2 total at a simplex: relative {@code 1e-12} (the bound itself is exact up to one rounding
 *       per level);
 *   <li>finite differences: central, step 1e-5, relative 1e-6 of the largest gradient entry (truncation
 *       {@code O(h²)} and rounding {@code ε·L/h} are both far below).
 * </ul>
 */
abstract class EnumerationContract {
    private Enumeration engine;

    /** @return a new engine of the kind under test */
    protected abstract Enumeration open();

    /** @return the engine that results of this suite must name */
    protected abstract Engine expectedEngine();

    /** @return the engine, opened once per property (and reused across its tries) */
    protected final Enumeration engine() {
        if (engine == null) {
            engine = open();
        }
        return engine;
    }

    @AfterProperty
    void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    @Provide
    Arbitrary<EnumerationProblem> problems() {
        return TestProblems.arbitrary();
    }

    @Property(tries = 60)
    void totalGradientAndHistogramEqualTheNaiveReference(@ForAll("problems") EnumerationProblem p) {
        EnumerationRequest everything = new EnumerationRequest(true, true, null);
        EnumerationResult expected = new NaiveEnumeration().enumerate(p, everything);
        EnumerationResult actual = engine().enumerate(p, everything);
        assertEquals(expectedEngine(), actual.engine().kind(), actual.engine().toString());
        assertEquals(null, actual.engine().fallback(), actual.engine().toString());
        assertEquals(expected.batchCount(), actual.batchCount());
        double scale = TestProblems.scale(p);
        assertEquals(expected.totalLoss(), actual.totalLoss(), 1e-12 * scale, "total loss");
        double gradientTolerance = 1e-12 * p.batchCount() * p.batch() * p.batch();
        assertArrayEquals(expected.gradientGram(), actual.gradientGram(), gradientTolerance, "dL/dG");
        double maxNorm = 0;
        for (double[] z : p.points()) {
            maxNorm = Math.max(maxNorm, Math.sqrt(org.dissect.theory.Vectors.dot(z, z)));
        }
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(expected.gradient()[i], actual.gradient()[i], 2 * p.size() * gradientTolerance * maxNorm,
                "dL/dZ row " + i);
        }
        assertHistogramsEqual(expected.histogram(), actual.histogram(), 1e-12 * scale / p.batchCount());
        // the loss-only path is a separate loop
        assertEquals(expected.totalLoss(), engine().enumerate(p, EnumerationRequest.loss()).totalLoss(), 1e-12 * scale,
            "total loss, loss only");
    }

    @Property(tries = 30)
    void lossOnlyRunsAgreeWithFullRunsAndReportAllProgress(@ForAll("problems") EnumerationProblem p) {
        AtomicLong progress = new AtomicLong();
        long started = System.nanoTime();
        EnumerationResult loss = engine().enumerate(p, EnumerationRequest.loss().withProgress(progress::addAndGet));
        double wall = (System.nanoTime() - started) * 1e-9;
        assertTrue(loss.seconds() > 0 && loss.seconds() <= wall, loss.seconds() + " s of " + wall);
        assertEquals(p.batchCount(), loss.batchesPerSecond() * loss.seconds(), 1e-9 * p.batchCount());
        EnumerationResult full = engine().enumerate(p, new EnumerationRequest(true, true, null));
        assertEquals(full.totalLoss(), loss.totalLoss(), 1e-13 * TestProblems.scale(p));
        assertEquals(p.batchCount(), progress.get(), "progress reports add up to |B|");
        assertEquals(null, loss.gradient());
        assertEquals(null, loss.histogram());
    }

    @Example
    void figureSixSimplexAttainsTheTheorem2BoundExactly() {
        // K=3, n=4 on the unit circle, b=9: 167,960 batches, mean 12.12015 (the paper's Fig. 6)
        EnumerationProblem p = TestProblems.simplex(3, 4, 2, 1.0, 9);
        SupervisedContrastiveBound bound = p.theorem2().orElseThrow();
        EnumerationResult r = engine().enumerate(p, new EnumerationRequest(false, true, null));
        assertEquals(167_960, r.batchCount());
        double total = bound.totalBound().doubleValue();
        assertEquals(total, r.totalLoss(), 1e-12 * total);
        assertEquals(12.120150127382, r.meanLoss(), 1e-11);
        assertEquals(bound.meanBound(), r.meanLoss(), 1e-12 * bound.meanBound());
        assertHistogramIsTheoremLevels(bound, r.histogram());
    }

    @Example
    void otherSimplicesAttainTheirBounds() {
        Object[][] settings = {
            {2, 3, 1, Math.sqrt(10), 5},  // K=2 on the line, rho^2 = 10 (tau = 0.1)
            {4, 2, 3, Math.sqrt(2), 6},   // K=4 in R^3
            {3, 2, 5, 0.7, 4},            // K=3 in R^5 (h > K-1)
            {5, 1, 4, 1.3, 3},            // n=1
        };
        for (Object[] s : settings) {
            EnumerationProblem p = TestProblems.simplex((int) s[0], (int) s[1], (int) s[2], (double) s[3], (int) s[4]);
            SupervisedContrastiveBound bound = p.theorem2().orElseThrow();
            EnumerationResult r = engine().enumerate(p, new EnumerationRequest(false, true, null));
            BigDecimal total = bound.totalBound();
            assertEquals(total.doubleValue(), r.totalLoss(), 1e-12 * total.doubleValue(), java.util.Arrays.toString(s));
            assertHistogramIsTheoremLevels(bound, r.histogram());
        }
    }

    @Example
    void gradientMatchesFiniteDifferencesOfDefinitionTwo() {
        EnumerationProblem p = TestProblems.random(3, 2, 2, 4, 1.1, 42);
        EnumerationResult r = engine().enumerate(p, EnumerationRequest.lossAndGradient());
        double[][] z = p.points();
        int[] labels = p.labels();
        double step = 1e-5;
        double max = 0;
        double[][] fd = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int d = 0; d < z[0].length; d++) {
                double keep = z[i][d];
                z[i][d] = keep + step;
                double plus = naiveTotal(z, labels, p);
                z[i][d] = keep - step;
                double minus = naiveTotal(z, labels, p);
                z[i][d] = keep;
                fd[i][d] = (plus - minus) / (2 * step);
                max = Math.max(max, Math.abs(fd[i][d]));
            }
        }
        for (int i = 0; i < z.length; i++) {
            assertArrayEquals(fd[i], r.gradient()[i], 1e-6 * max, "row " + i);
        }
    }

    @Example
    void oneEngineServesProblemsOfDifferentShapesInTurn() {
        EnumerationProblem small = TestProblems.random(2, 3, 2, 3, 1.0, 7);
        EnumerationProblem large = TestProblems.random(4, 3, 3, 5, 1.5, 8);
        for (EnumerationProblem p : List.of(small, large, small)) {
            EnumerationResult expected = new NaiveEnumeration().enumerate(p, EnumerationRequest.loss());
            EnumerationResult actual = engine().enumerate(p, EnumerationRequest.lossAndGradient());
            assertEquals(expected.totalLoss(), actual.totalLoss(), 1e-12 * TestProblems.scale(p));
        }
    }

    @Example
    void largeShiftsAndSingletonClassesStayFinite() {
        // rho^2 = 300: exponent spans of 600 within a row, and a class with a single point
        double[][] z = {{Math.sqrt(300), 0}, {-Math.sqrt(300), 0}, {0, Math.sqrt(300)}, {Math.sqrt(150), Math.sqrt(150)}};
        int[] labels = {0, 0, 1, 2};
        EnumerationProblem p = new EnumerationProblem(z, labels, 3, 4);
        EnumerationResult expected = new NaiveEnumeration().enumerate(p, EnumerationRequest.lossAndGradient());
        EnumerationResult actual = engine().enumerate(p, EnumerationRequest.lossAndGradient());
        assertTrue(Double.isFinite(actual.totalLoss()));
        assertEquals(expected.totalLoss(), actual.totalLoss(), 1e-12 * TestProblems.scale(p));
        assertArrayEquals(expected.gradientGram(), actual.gradientGram(), 1e-12 * p.batchCount() * 16);
        // the loss-only loop takes another path for denominators below 2^(-1000/b)
        assertEquals(expected.totalLoss(), engine().enumerate(p, EnumerationRequest.loss()).totalLoss(),
            1e-12 * TestProblems.scale(p));
    }

    @Example
    void batchesLargerThan140KeepTheirProductsInRange() {
        // b = 160: (b-1)^b overflows a double, the kernels must keep the product of denominators in range
        double[][] z = {{1.5, 0}, {-0.2, 0.9}};
        int[] labels = {0, 1};
        EnumerationProblem p = new EnumerationProblem(z, labels, 2, 160);
        EnumerationResult expected = new NaiveEnumeration().enumerate(p, EnumerationRequest.loss());
        assertEquals(expected.totalLoss(), engine().enumerate(p, EnumerationRequest.loss()).totalLoss(),
            1e-12 * TestProblems.scale(p));
        assertEquals(expected.totalLoss(), engine().enumerate(p, EnumerationRequest.lossAndGradient()).totalLoss(),
            1e-12 * TestProblems.scale(p));
    }

    private static double naiveTotal(double[][] z, int[] labels, EnumerationProblem p) {
        MultisetRanking ranking = p.ranking();
        int[] batch = ranking.unrank(0);
        double total = 0;
        do {
            total += SupervisedContrastive.batchLoss(z, labels, batch);
        } while (ranking.successor(batch));
        return total;
    }

    static void assertHistogramsEqual(LossHistogram expected, LossHistogram actual, double tolerance) {
        assertEquals(expected.groups().size(), actual.groups().size(), "number of label configurations");
        for (int g = 0; g < expected.groups().size(); g++) {
            LossHistogram.Group e = expected.groups().get(g);
            LossHistogram.Group a = actual.groups().get(g);
            assertArrayEquals(e.counts(), a.counts());
            assertEquals(e.batches(), a.batches(), e.label());
            assertEquals(e.minLoss(), a.minLoss(), tolerance, e.label());
            assertEquals(e.meanLoss(), a.meanLoss(), tolerance, e.label());
            assertEquals(e.maxLoss(), a.maxLoss(), tolerance, e.label());
        }
    }

    static void assertHistogramIsTheoremLevels(SupervisedContrastiveBound bound, LossHistogram histogram) {
        List<LabelConfiguration> levels = LabelConfiguration.enumerate(bound, 10_000);
        assertEquals(levels.size(), histogram.groups().size());
        for (int g = 0; g < levels.size(); g++) {
            LabelConfiguration c = levels.get(g);
            LossHistogram.Group h = histogram.groups().get(g);
            assertArrayEquals(c.counts(), h.counts());
            assertEquals(c.batches().longValueExact(), h.batches(), c.label());
            double tol = 1e-12 * Math.max(1, Math.abs(c.lossAtSimplex()));
            assertEquals(c.lossAtSimplex(), h.minLoss(), tol, c.label());
            assertEquals(c.lossAtSimplex(), h.meanLoss(), tol, c.label());
            assertEquals(c.lossAtSimplex(), h.maxLoss(), tol, c.label());
        }
    }
}
