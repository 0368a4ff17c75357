package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RegularSimplexTest {

    /**
     * (S1)-(S3) checked here with the test's own sums and inner products, for every K in 2..50 and
     * every h in K-1..K+5, each at a random radius in [1e-3, 1e3].
     *
     * <p>Tolerance 1e-14, relative to ρ for (S1)/(S2) and to ρ² for (S3): every coordinate is one
     * product of at most three roundings, the sum of K coordinates in (S1) and the inner products of
     * K-1 terms accumulate at most about K/2 ulps each (K ≤ 50: 25 ulps ≈ 5.5e-15). The observed maximum
     * is about 3.5e-15.
     */
    @Test
    void everyVertexSetSatisfiesS1S2S3ToRoundingForKUpTo50() {
        UniformRandomProvider rng = Reference.rng(20210718L);
        for (int k = 2; k <= 50; k++) {
            for (int h = k - 1; h <= k + 5; h++) {
                double rho = Reference.logUniform(rng, 1e-3, 1e3);
                double[][] zeta = RegularSimplex.regularSimplex(k, h, rho);
                assertEquals(k, zeta.length);
                double[] sum = new double[h];
                for (int i = 0; i < k; i++) {
                    assertEquals(h, zeta[i].length);
                    for (int c = 0; c < h; c++) {
                        sum[c] += zeta[i][c];
                    }
                    Reference.assertWithin(rho, Reference.norm(zeta[i]), 1e-14 * rho,
                        "(S2) K=" + k + " h=" + h + " vertex " + i);
                    for (int j = i + 1; j < k; j++) {
                        Reference.assertWithin(-rho * rho / (k - 1), Reference.dot(zeta[i], zeta[j]), 1e-14 * rho * rho,
                            "(S3) K=" + k + " h=" + h + " vertices " + i + "," + j);
                    }
                }
                assertTrue(Reference.norm(sum) <= 1e-14 * rho, "(S1) K=" + k + " h=" + h + ": |sum| = " + Reference.norm(sum));
            }
        }
    }

    @Property(tries = 30)
    void everyVertexSetSatisfiesS1S2S3AtAnyRadius(@ForAll @IntRange(min = 2, max = 50) int k,
                                                  @ForAll @IntRange(min = 0, max = 5) int extraDim,
                                                  @ForAll @DoubleRange(min = -100, max = 100) @Scale(6) double log10Rho) {
        double rho = Math.pow(10, log10Rho);
        double[][] zeta = RegularSimplex.regularSimplex(k, k - 1 + extraDim, rho);
        // the library's own deviation measure must agree that the simplex is regular (same 1e-14 as above)
        SimplexDeviation d = RegularSimplex.deviation(zeta, rho);
        assertTrue(d.holds(1e-14), d.toString());
        // and the test's own (S2)/(S3), relative to rho and rho^2
        for (int i = 0; i < k; i++) {
            Reference.assertRelative(rho, Reference.norm(zeta[i]), 1e-14, "(S2)");
            for (int j = i + 1; j < k; j++) {
                Reference.assertWithin(-1.0 / (k - 1), Reference.dot(zeta[i], zeta[j]) / (rho * rho), 1e-14, "(S3)");
            }
        }
    }

    /** K = 1 is a degenerate simplex: a single point on the sphere ((S1) cannot hold for one vertex). */
    @Test
    void aSingleVertexLiesOnTheSphere() {
        for (int h = 1; h <= 4; h++) {
            double[][] zeta = RegularSimplex.regularSimplex(1, h, 2.5);
            assertEquals(1, zeta.length);
            assertEquals(2.5, Reference.norm(zeta[0]));
        }
    }

    /** Remark 1: the simplex exists iff K ≤ h+1. */
    @Property(tries = 50)
    void tooManyVerticesForTheDimensionThrowWithAMessageNamingTheDimension(
            @ForAll @IntRange(min = 1, max = 60) int dim, @ForAll @IntRange(min = 2, max = 40) int excess) {
        int k = dim + excess;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RegularSimplex.regularSimplex(k, dim, 1.0));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
        assertTrue(e.getMessage().contains("h=" + dim), e.getMessage());
    }

    @Test
    void badRadiusOrClassCountThrows() {
        for (double rho : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegularSimplex.regularSimplex(3, 2, rho));
            assertTrue(e.getMessage().contains("rho"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RegularSimplex.regularSimplex(0, 2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> RegularSimplex.regularSimplex(2, 0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> RegularSimplex.deviation(new double[][] {{1, 0}}, 1.0));
    }

    /**
     * A rotated copy of the simplex is just as regular: the deviation does not depend on the
     * coordinates the construction happens to use. Also a simplex built independently in the test
     * (Gram-Schmidt) passes. Tolerance 1e-14 as above (plus the rotation's few roundings per coordinate).
     */
    @Property(tries = 40)
    void deviationIsZeroToRoundingForRotatedAndIndependentlyBuiltSimplices(
            @ForAll @IntRange(min = 2, max = 30) int k, @ForAll @IntRange(min = 0, max = 3) int extraDim,
            @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int h = k - 1 + extraDim;
        double rho = Reference.logUniform(rng, 1e-3, 1e3);
        double[][] rotated = rotate(RegularSimplex.regularSimplex(k, h, rho), rng);
        assertTrue(RegularSimplex.deviation(rotated, rho).holds(1e-14), RegularSimplex.deviation(rotated, rho).toString());
        double[][] independent = Reference.simplexByGramSchmidt(k, h, rho);
        assertTrue(RegularSimplex.deviation(independent, rho).holds(1e-14),
            RegularSimplex.deviation(independent, rho).toString());
    }

    /**
     * Moving one vertex by ερ along a random direction breaks (S1) by exactly ε (in units of ρ), so
     * the deviation must be at least ε/10 for every ε down to 1e-12 (100 times the rounding floor).
     */
    @Property(tries = 100)
    void deviationDetectsAPerturbationOfOneVertex(@ForAll @IntRange(min = 2, max = 30) int k,
                                                  @ForAll @DoubleRange(min = -12, max = -1) @Scale(6) double log10Epsilon,
                                                  @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double epsilon = Math.pow(10, log10Epsilon);
        int h = k - 1 + rng.nextInt(3);
        double rho = Reference.logUniform(rng, 1e-3, 1e3);
        double[][] zeta = rotate(RegularSimplex.regularSimplex(k, h, rho), rng);
        double[] direction = Reference.sphere(rng, 1, h, 1.0)[0];
        int moved = rng.nextInt(k);
        for (int c = 0; c < h; c++) {
            zeta[moved][c] += epsilon * rho * direction[c];
        }
        SimplexDeviation d = RegularSimplex.deviation(zeta, rho);
        assertTrue(d.max() >= epsilon / 10, "epsilon " + epsilon + " gave " + d);
        assertTrue(!d.holds(epsilon / 10), "holds() must fail too");
        // (S1) is broken by the full displacement: sumNorm = epsilon up to rounding (1e-14 absolute)
        Reference.assertWithin(epsilon, d.sumNorm(), 1e-14 + 1e-9 * epsilon, "sumNorm");
    }

    @Property(tries = 50)
    void deviationDetectsAWrongRadius(@ForAll @IntRange(min = 2, max = 30) int k,
                                      @ForAll @DoubleRange(min = -10, max = -1) @Scale(6) double log10Epsilon) {
        double epsilon = Math.pow(10, log10Epsilon);
        double[][] zeta = RegularSimplex.regularSimplex(k, k, 1.0 + epsilon);
        SimplexDeviation d = RegularSimplex.deviation(zeta, 1.0);
        // every norm is 1+ε: (S2) reads ε; (S3) reads about 2ε/(K-1); (S1) stays at rounding level
        Reference.assertWithin(epsilon, d.normDeviation(), 1e-14, "normDeviation");
        assertTrue(d.sumNorm() <= 1e-14, d.toString());
    }

    /**
     * Scale invariance: scaling the points and ρ by s leaves every dimensionless deviation unchanged.
     * For s a power of two every operation is exact, so the results are bit-for-bit equal; for other s
     * they agree to 1e-14 absolute (rounding of O(K) terms of size 1, K ≤ 30).
     */
    @Property(tries = 60)
    void deviationIsScaleInvariant(@ForAll @IntRange(min = 2, max = 30) int k,
                                   @ForAll @IntRange(min = -400, max = 400) int binaryExponent,
                                   @ForAll @DoubleRange(min = -3, max = 3) @Scale(6) double log10Factor, @ForAll long seed) {
        double factor = Math.pow(10, log10Factor);
        UniformRandomProvider rng = Reference.rng(seed);
        int h = k - 1 + rng.nextInt(3);
        double rho = Reference.logUniform(rng, 1e-2, 1e2);
        double[][] zeta = RegularSimplex.regularSimplex(k, h, rho);
        for (double[] v : zeta) {
            for (int c = 0; c < h; c++) {
                v[c] += 1e-3 * rho * Reference.gaussian(rng);
            }
        }
        SimplexDeviation base = RegularSimplex.deviation(zeta, rho);
        double s = Math.scalb(1.0, binaryExponent);
        assertEquals(base, RegularSimplex.deviation(scaled(zeta, s), rho * s), "power-of-two scale " + s);
        SimplexDeviation other = RegularSimplex.deviation(scaled(zeta, factor), rho * factor);
        Reference.assertWithin(base.sumNorm(), other.sumNorm(), 1e-14, "sumNorm");
        Reference.assertWithin(base.normDeviation(), other.normDeviation(), 1e-14, "normDeviation");
        Reference.assertWithin(base.innerProductDeviation(), other.innerProductDeviation(), 1e-14, "innerProductDeviation");
    }

    private static double[][] scaled(double[][] zeta, double s) {
        double[][] out = new double[zeta.length][];
        for (int i = 0; i < zeta.length; i++) {
            out[i] = Reference.scale(zeta[i], s);
        }
        return out;
    }

    /** Applies three random Householder reflections (an orthogonal map) to every row. */
    static double[][] rotate(double[][] rows, UniformRandomProvider rng) {
        int h = rows[0].length;
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        if (h < 2) {
            return out;
        }
        for (int r = 0; r < 3; r++) {
            double[] v = Reference.sphere(rng, 1, h, 1.0)[0];
            for (double[] row : out) {
                double c = 2 * Reference.dot(row, v);
                for (int k = 0; k < h; k++) {
                    row[k] -= c * v[k];
                }
            }
        }
        return out;
    }

    /**
     * (S3) matters: four points on a square in R² (K = 4, h = 2, where no regular simplex fits) satisfy
     * (S1) (they sum to 0) and (S2) (all on the ρ-circle) exactly, but their inner products are 0
     * (neighbours) and -ρ² (opposite) instead of -ρ²/3: deviations 1/3 and 2/3, so (S3) = 2/3 by hand.
     * Likewise a triangle with one vertex reflected (K = 3 in R², (S1) fails) is caught by (S1) alone.
     */
    @Test
    void aSquareIsNotASimplexBecauseOfItsInnerProducts() {
        double rho = 2.0;
        double[][] square = {{rho, 0}, {0, rho}, {-rho, 0}, {0, -rho}};
        SimplexDeviation d = RegularSimplex.deviation(square, rho);
        assertEquals(0.0, d.sumNorm());
        assertEquals(0.0, d.normDeviation());
        Reference.assertWithin(2.0 / 3, d.innerProductDeviation(), 1e-15, "(S3) of the square");
        assertTrue(!d.holds(0.5), d.toString());
        // only the first pair (0, 1) off: (S3) still sees it
        double[][] bent = RegularSimplex.regularSimplex(4, 3, rho);
        bent[1] = new double[] {bent[0][0], bent[0][1], bent[0][2]};
        Reference.assertWithin(1 + 1.0 / 3, RegularSimplex.deviation(bent, rho).innerProductDeviation(), 1e-14, "(S3) of a doubled vertex");
    }

    /**
     * Sizes: K = 50,000 vertices in h = 10^6 dimensions need 4e11 bytes, refused with K and h named (not
     * an OutOfMemoryError); h = 2^31 - 1 does not overflow the K ≤ h + 1 check but is an array too long.
     * Ragged candidate vertices are refused naming the vertex.
     */
    @Test
    void sizesThatDoNotFitAndRaggedVerticesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RegularSimplex.regularSimplex(50_000, 1_000_000, 1.0));
        assertTrue(e.getMessage().contains("K=50000, h=1000000") && e.getMessage().contains("bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegularSimplex.regularSimplex(3, Integer.MAX_VALUE, 1.0));
        assertTrue(e.getMessage().contains("needs an array of 2147483647 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> RegularSimplex.deviation(new double[][] {{1, 0}, {0, 1}, {1}}, 1.0));
        assertEquals("vertex 2 has dimension 1, expected 2", e.getMessage());
    }
}
