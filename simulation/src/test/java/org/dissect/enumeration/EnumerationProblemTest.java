package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Locale;
import org.dissect.theory.SupervisedContrastiveBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnumerationProblemTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    private static double[][] line(int n) {
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = new double[] {Math.cos(i), Math.sin(i)};
        }
        return z;
    }

    private static IllegalArgumentException refused(double[][] z, int[] labels, int classes, int batch) {
        IllegalArgumentException e = assertTimeoutPreemptively(QUICKLY, () -> assertThrows(IllegalArgumentException.class,
            () -> new EnumerationProblem(z, labels, classes, batch)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        return e;
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteCoordinatesAreRefused(double bad) {
        double[][] z = line(4);
        z[2][1] = bad;
        assertEquals("coordinate 1 of point 2 must be finite, got " + bad, refused(z, new int[4], 1, 2).getMessage());
    }

    @Test
    void innerProductsBeyondTheDoubleRangeAreRefused() {
        double[][] z = {{1e200, 0}, {0, 1e200}};
        assertTrue(refused(z, new int[2], 1, 2).getMessage().startsWith("inner products of point 0 span"));
    }

    @Test
    void rowSpansUpToSevenHundredAreAcceptedAndLargerOnesRefused() {
        double[][] inside = {{Math.sqrt(349.9)}, {-Math.sqrt(349.9)}};
        assertEquals(3, new EnumerationProblem(inside, new int[2], 1, 2).batchCount());
        double[][] outside = {{Math.sqrt(350.1)}, {-Math.sqrt(350.1)}};
        assertTrue(refused(outside, new int[2], 1, 2).getMessage().contains("> 700"));
    }

    @Test
    void theLargestBatchIsRefusedAtOnceWithTheSizeOfItsSpace() {
        // C(N+b-1, b) for N=100, b=2^31-1: log10 = Σ_{i=1}^{99} log10((b+i)/i), independent of the log-gamma in the code
        int b = Integer.MAX_VALUE;
        double log10 = 0;
        for (int i = 1; i <= 99; i++) {
            log10 += Math.log10(((double) b + i) / i);
        }
        long exponent = (long) Math.floor(log10);
        String expected = String.format(Locale.ROOT, "%.2fe%d", Math.pow(10, log10 - exponent), exponent);
        IllegalArgumentException e = refused(line(100), new int[100], 1, b);
        assertTrue(e.getMessage().startsWith("|B| = C(N+b-1, b) ~ " + expected + " batches for N=100, b=2147483647: more"
            + " than 2^63-1"), e.getMessage() + " vs " + expected);
        // the same for the estimate the command line asks first
        assertThrows(IllegalArgumentException.class, () -> EnumerationProblem.bytesNeeded(100, 2, 1, b, false, false));
    }

    @Test
    void oneItemWithAHugeBatchIsRefusedByItsRankTable() {
        // N=1: a single batch, but (N+1)(b+1) = 2^32 rank-table entries
        assertTrue(refused(line(1), new int[1], 1, Integer.MAX_VALUE).getMessage().startsWith("the rank table"));
    }

    @Test
    void aGramMatrixBeyondTheLargestArrayIsRefused() {
        int n = 46_341;  // N² = 2,147,488,281 > 2^31 - 9
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = new double[] {1};
        }
        String message = refused(z, new int[n], 1, 2).getMessage();
        assertTrue(message.startsWith("the Gram matrix (N^2 entries (N=46341, h=1, K=1, b=2)) needs 2.15e9 entries"), message);
    }

    @Test
    void aProblemBeyondTheHeapIsRefusedBeforeItIsAllocated() {
        int n = 40_000;  // four N×N tables: 51 GB
        assumeTrue(EnumerationProblem.bytesNeeded(n, 1, 1, 2, false, false) > Runtime.getRuntime().maxMemory());
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = new double[] {1};
        }
        assertTrue(refused(z, new int[n], 1, 2).getMessage().contains("the Java heap has available"));
    }

    /**
     * The estimate against the bytes really allocated (HotSpot's per-thread count), in shapes where each of its
     * terms dominates in turn: N×N tables, the points, the rank table. Headers, labels and small objects add a few
     * percent; the estimate is of the payloads.
     */
    @ParameterizedTest(name = "N={0}, h={1}, b={2}")
    @CsvSource({"300,1,2", "2,200000,2", "2,1,200000"})
    void theProblemsFootprintMatchesItsAllocations(int n, int dim, int batch) {
        double[][] z = new double[n][dim];
        for (int i = 0; i < n; i++) {
            z[i][i % dim] = 1;
        }
        int[] labels = new int[n];
        long measured = Allocations.measure(() -> new EnumerationProblem(z, labels, 1, batch));
        long estimate = EnumerationProblem.problemBytes(n, dim, batch);
        assertEquals(1, (double) measured / estimate, 0.05, measured + " allocated, " + estimate + " estimated");
    }

    /**
     * One lane's estimate against the bytes a {@link BatchLossKernel} really allocates, in shapes where each term
     * dominates in turn: the gradient blocks (4 N²), the walk's sums (2 bN), the class sums and anchor lists (bK),
     * the arrays of b, the histogram's accumulators (5 per configuration).
     */
    @ParameterizedTest(name = "N={0}, b={1}, K={2}, gradient={3}, histogram={4}")
    @CsvSource({"200,3,2,true,false", "30,30,1,false,false", "1,2000,1,false,false", "1,100,2000,false,false",
        "2,30,6,false,true"})
    void aLanesFootprintMatchesItsAllocations(int n, int batch, int classes, boolean gradient, boolean histogram) {
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = new double[] {Math.cos(i), Math.sin(i)};
        }
        EnumerationProblem p = new EnumerationProblem(z, new int[n], classes, batch);
        ConfigurationIndex index = histogram ? new ConfigurationIndex(classes, batch) : null;
        long measured = Allocations.measure(() -> new BatchLossKernel(p, gradient, index));
        long estimate = Lanes.laneBytes(n, batch, classes, gradient, histogram ? index.size() : 0);
        assertEquals(1, (double) measured / estimate, 0.15, measured + " allocated, " + estimate + " estimated");
    }

    /**
     * The whole estimate against a whole run of the Java engine with lanes of one batch (so that it runs the
     * {@value Lanes#DEFAULT_LANES} lanes the estimate assumes): the problem, the lanes, the gradient and the
     * histogram, counted over all threads.
     */
    @ParameterizedTest(name = "gradient={0}, histogram={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void theEstimateMatchesAWholeRun(boolean gradient, boolean histogram) {
        double[][] z = new double[60][];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            z[i] = new double[] {Math.cos(i), Math.sin(i), 0.5};
            labels[i] = i % 3;
        }
        EnumerationRequest request = new EnumerationRequest(gradient, histogram, null);
        try (JavaEnumeration engine = new JavaEnumeration(1, 1)) {
            engine.enumerate(new EnumerationProblem(z, labels, 3, 3), request);  // classes loaded, pool started
            long before = Allocations.allThreads();
            EnumerationResult r = engine.enumerate(new EnumerationProblem(z, labels, 3, 3), request);
            long measured = Allocations.allThreads() - before;
            assertEquals(Lanes.DEFAULT_LANES, r.lanes());
            long estimate = EnumerationProblem.bytesNeeded(60, 3, 3, 3, gradient, histogram);
            assertEquals(1, (double) measured / estimate, 0.15, measured + " allocated, " + estimate + " estimated");
        }
    }

    @Test
    void theEstimateBoundsAWholeEnumerationWithGradientAndHistogram() {
        EnumerationProblem p = TestProblems.random(3, 40, 3, 3, 1.0, 3);  // about 60 points, 40k batches
        EnumerationRequest all = new EnumerationRequest(true, true, null);
        try (JavaEnumeration engine = new JavaEnumeration(1)) {
            engine.enumerate(p, all);  // classes loaded, the pool thread started
            long before = Allocations.allThreads();
            engine.enumerate(p, all);
            long measured = Allocations.allThreads() - before;
            long estimate = EnumerationProblem.bytesNeeded(p.size(), p.dimension(), p.classes(), p.batch(), true, true);
            // the problem itself was allocated before; the estimate counts it too, and 256 lanes where Java runs fewer
            assertTrue(measured < estimate, measured + " allocated, " + estimate + " estimated");
            long lanes = Lanes.javaLanes(Lanes.MIN_LANE, p, true, (int) ConfigurationIndex.configurationCount(3, 3));
            long lane = Lanes.laneBytes(p.size(), 3, 3, true, ConfigurationIndex.configurationCount(3, 3));
            assertTrue(measured > lanes * lane, measured + " allocated, " + lanes + " lanes of " + lane + " estimated");
        }
    }

    @Test
    void theorem2AppliesToBalancedLabelsOnOneSphere() {
        EnumerationProblem simplex = TestProblems.simplex(3, 2, 2, 1.5, 4);
        SupervisedContrastiveBound bound = simplex.theorem2().orElseThrow();
        assertEquals(3, bound.classes());
        assertEquals(2, bound.perClass());
        assertEquals(4, bound.batch());
        assertEquals(2.25, bound.rho2(), 1e-15);
        // squared norms 1 and 1 + 1e-10: within the relative tolerance 1e-9, ρ² their mean
        double[][] close = {{1, 0}, {0, Math.sqrt(1 + 1e-10)}, {-1, 0}, {0, -1}};
        assertEquals(1 + 0.25e-10, new EnumerationProblem(close, new int[] {0, 0, 1, 1}, 2, 2).theorem2().orElseThrow().rho2(),
            1e-15);
    }

    @Test
    void theSphereToleranceIsRelativeToTheSquaredRadius() {
        // ρ² = 4: squared norms 4 ± 1e-9 deviate by 2.5e-10 relative (accepted), 4 ± 1e-8 by 2.5e-9 (refused)
        double[][] close = {{2, 0}, {0, Math.sqrt(4 + 2e-9)}, {-2, 0}, {0, -Math.sqrt(4 + 2e-9)}};
        assertEquals(4 + 1e-9, new EnumerationProblem(close, new int[] {0, 0, 1, 1}, 2, 2).theorem2().orElseThrow().rho2(),
            1e-14);
        double[][] far = {{2, 0}, {0, Math.sqrt(4 + 2e-8)}, {-2, 0}, {0, -Math.sqrt(4 + 2e-8)}};
        assertTrue(new EnumerationProblem(far, new int[] {0, 0, 1, 1}, 2, 2).theorem2().isEmpty());
    }

    @Test
    void theorem2DoesNotApplyOffTheSphereOrToUnbalancedLabels() {
        double[][] z = {{1, 0}, {0, 1}, {-1, 0}, {0, -1.001}};
        assertTrue(new EnumerationProblem(z, new int[] {0, 0, 1, 1}, 2, 2).theorem2().isEmpty(), "two radii");
        double[][] unit = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        assertTrue(new EnumerationProblem(unit, new int[] {0, 0, 0, 1}, 2, 2).theorem2().isEmpty(), "unbalanced");
        assertTrue(new EnumerationProblem(unit, new int[] {0, 0, 1, 1}, 3, 2).theorem2().isEmpty(), "an empty class");
        assertTrue(new EnumerationProblem(unit, new int[4], 1, 2).theorem2().isEmpty(), "one class");
        assertTrue(new EnumerationProblem(new double[4][2], new int[] {0, 0, 1, 1}, 2, 2).theorem2().isEmpty(), "radius 0");
        // the first point off the sphere (the mean is pulled the other way)
        double[][] first = {{1.001, 0}, {0, 1}, {-1, 0}, {0, -1}};
        assertTrue(new EnumerationProblem(first, new int[] {0, 0, 1, 1}, 2, 2).theorem2().isEmpty(), "first point");
    }
}
