package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class VectorsTest {

    /**
     * {@code dot} against the exact sum of the exact products (BigDecimal). Recursive summation of
     * h terms has an error of at most {@code h·u·Σ|a_k b_k|} (u the unit roundoff), the test's bound.
     */
    @Property(tries = 200)
    void dotIsWithinTheRecursiveSummationBoundOfTheExactInnerProduct(@ForAll @IntRange(min = 0, max = 64) int dim,
                                                                    @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[] a = new double[dim];
        double[] b = new double[dim];
        BigDecimal exact = BigDecimal.ZERO;
        double absSum = 0;
        for (int k = 0; k < dim; k++) {
            a[k] = Math.scalb(Reference.gaussian(rng), rng.nextInt(21) - 10);
            b[k] = Math.scalb(Reference.gaussian(rng), rng.nextInt(21) - 10);
            exact = exact.add(new BigDecimal(a[k]).multiply(new BigDecimal(b[k])));
            absSum += Math.abs(a[k] * b[k]);
        }
        double tolerance = dim * Reference.UNIT_ROUNDOFF * absSum * 1.01;
        Reference.assertWithin(exact.doubleValue(), Vectors.dot(a, b), tolerance, "dot");
    }

    @Property(tries = 100)
    void normIsTheSquareRootOfTheSelfInnerProductAndScalesWithPowersOfTwo(
            @ForAll @IntRange(min = 1, max = 64) int dim, @ForAll @IntRange(min = -500, max = 500) int exponent,
            @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[] a = new double[dim];
        for (int k = 0; k < dim; k++) {
            a[k] = Reference.gaussian(rng);
        }
        double norm = Vectors.norm(a);
        // sqrt of the exact sum of squares: sum error <= dim·u relative, sqrt halves it
        BigDecimal squares = BigDecimal.ZERO;
        for (double x : a) {
            squares = squares.add(new BigDecimal(x).multiply(new BigDecimal(x)));
        }
        Reference.assertRelative(Math.sqrt(squares.doubleValue()), norm, dim * Reference.UNIT_ROUNDOFF + 1e-16, "norm");
        // scaling by 2^e is exact in every operation (no under/overflow at these sizes)
        assertEquals(Math.scalb(norm, exponent), Vectors.norm(Reference.scale(a, Math.scalb(1.0, exponent))));
    }

    @Test
    void normOfAPythagoreanVectorIsExact() {
        assertEquals(13.0, Vectors.norm(new double[] {3, 4, 12}));
        assertEquals(0.0, Vectors.norm(new double[] {0, 0}));
    }

    @Property(tries = 100)
    void frobeniusSquaredIsTheSumOfAllSquaredEntries(@ForAll @IntRange(min = 0, max = 12) int rows,
                                                     @ForAll @IntRange(min = 1, max = 12) int cols, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] w = new double[rows][cols];
        BigDecimal exact = BigDecimal.ZERO;
        for (double[] row : w) {
            for (int k = 0; k < cols; k++) {
                row[k] = Reference.gaussian(rng);
                exact = exact.add(new BigDecimal(row[k]).multiply(new BigDecimal(row[k])));
            }
        }
        // rows·cols positive terms: relative error at most rows·cols·u
        Reference.assertRelative(exact.doubleValue(), Vectors.frobeniusSquared(w),
            rows * cols * Reference.UNIT_ROUNDOFF * 1.01 + 1e-300, "Frobenius");
    }

    @Property(tries = 100)
    void classMeansAverageTheMembersOfEachClassAndGiveZeroForEmptyClasses(
            @ForAll @IntRange(min = 1, max = 6) int classes, @ForAll @IntRange(min = 1, max = 30) int size,
            @ForAll @IntRange(min = 1, max = 5) int dim, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double[][] z = new double[size][dim];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = rng.nextInt(classes);
            for (int k = 0; k < dim; k++) {
                z[i][k] = Reference.gaussian(rng);
            }
        }
        double[][] means = Vectors.classMeans(z, labels, classes);
        assertEquals(classes, means.length);
        for (int y = 0; y < classes; y++) {
            double[] sum = new double[dim];
            int members = 0;
            for (int i = 0; i < size; i++) {
                if (labels[i] == y) {
                    members++;
                    for (int k = 0; k < dim; k++) {
                        sum[k] += z[i][k];
                    }
                }
            }
            for (int k = 0; k < dim; k++) {
                double expected = members == 0 ? 0 : sum[k] / members;
                // same summation order in the same precision: bit-for-bit
                assertEquals(expected, means[y][k], "class " + y + " coordinate " + k);
            }
        }
    }

    @Test
    void classMeansRejectALabelOutsideTheClasses() {
        double[][] z = {{1, 2}, {3, 4}};
        assertThrows(IllegalArgumentException.class, () -> Vectors.classMeans(z, new int[] {0, 2}, 2));
        assertArrayEquals(new double[] {2, 3}, Vectors.classMeans(z, new int[] {0, 0}, 2)[0]);
    }

    /** K = 10^7 class means of dimension 10^6 need 8e13 bytes: refused with K and h named, not an OutOfMemoryError. */
    @Test
    void classMeansThatCannotBeAllocatedAreRefused() {
        double[][] z = {new double[1_000_000]};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vectors.classMeans(z, new int[] {0}, 10_000_000));
        assertTrue(e.getMessage().startsWith("class means (K=10000000, h=1000000) needs about 8.00e+13 bytes"), e.getMessage());
    }
}
