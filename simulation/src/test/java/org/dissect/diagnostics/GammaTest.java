package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GammaTest {

    /**
     * Independent formula in 2-D: the angle between directions a and b is their difference wrapped
     * into [0, π], so {@code γ = 1 - |wrap(a - b)|/π}; vectors of any positive lengths.
     */
    @Property(tries = 1000, seed = "20210701")
    void agreesWithPolarAnglesInThePlane(@ForAll @DoubleRange(min = -10, max = 10) @Scale(12) double a,
                                         @ForAll @DoubleRange(min = -10, max = 10) @Scale(12) double b,
                                         @ForAll @DoubleRange(min = -3, max = 3) double log10Lx,
                                         @ForAll @DoubleRange(min = -3, max = 3) double log10Ly) {
        double lx = Math.pow(10, log10Lx);
        double ly = Math.pow(10, log10Ly);
        double[] x = {lx * Math.cos(a), lx * Math.sin(a)};
        double[] y = {ly * Math.cos(b), ly * Math.sin(b)};
        double d = Math.abs(Math.IEEEremainder(a - b, 2 * Math.PI));
        assertEquals(1 - d / Math.PI, Gamma.value(x, y), 1e-13);
        // atan2 of the polar coordinates, a second independent route.
        double viaAtan2 = Math.abs(Math.atan2(x[0] * y[1] - x[1] * y[0], x[0] * y[0] + x[1] * y[1]));
        assertEquals(1 - viaAtan2 / Math.PI, Gamma.value(x, y), 1e-13);
    }

    /** Away from ±1 the paper's arccos form (clamped) is accurate, and both forms agree. */
    @Property(tries = 500, seed = "20210702")
    void agreesWithTheClampedArccosFormAwayFromParallel(@ForAll @IntRange(min = 2, max = 12) int dim, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = Configurations.randomUnit(dim, rng);
        double[] y = Configurations.scale(Configurations.randomUnit(dim, rng), 1 + 5 * rng.nextDouble());
        double cos = Vectors.dot(x, y) / (Vectors.norm(x) * Vectors.norm(y));
        double arccosForm = 1 - Math.acos(Math.max(-1, Math.min(1, cos))) / Math.PI;
        double tolerance = 1e-15 / Math.max(1e-3, Math.sqrt(1 - cos * cos)) + 1e-14;
        assertEquals(arccosForm, Gamma.value(x, y), tolerance);
        assertEquals(Gamma.value(x, y), Gamma.value(y, x), 1e-15);
    }

    @Test
    void parallelOrthogonalAndOppositeVectors() {
        double[] x = {3, 4, 0};
        assertEquals(1.0, Gamma.value(x, new double[] {6, 8, 0}));
        assertEquals(1.0, Gamma.value(x, x));
        assertEquals(0.0, Gamma.value(x, new double[] {-0.3, -0.4, 0}));
        assertEquals(0.5, Gamma.value(x, new double[] {0, 0, 2}), 1e-16);
        assertEquals(0.5, Gamma.value(x, new double[] {-4, 3, 0}), 1e-16);
    }

    /** A turn by 1e-10 rad is seen to 1e-6 relative accuracy; arccos of the rounded cosine 1 sees nothing. */
    @Test
    void tinyAnglesAreResolved() {
        double t = 1e-10;
        double[] x = {1, 0};
        double[] y = {Math.cos(t), Math.sin(t)};
        assertEquals(t / Math.PI, 1 - Gamma.value(x, y), 1e-6 * t / Math.PI);
        assertEquals(0.0, Math.acos(Vectors.dot(x, y)), "arccos of a cosine that rounds to 1");
    }

    @Test
    void zeroVectorGivesNaN() {
        assertTrue(Double.isNaN(Gamma.value(new double[] {0, 0}, new double[] {1, 0})));
        assertTrue(Double.isNaN(Gamma.value(new double[] {1, 0}, new double[] {0, 0})));
        Summary s = Gamma.acrossPairs(new double[][] {{1, 0}, {0, 0}, {0, 1}});
        assertEquals(3, s.count());
        assertTrue(Double.isNaN(s.min()) && Double.isNaN(s.mean()) && Double.isNaN(s.max()));
    }

    @Test
    void rejectsVectorsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Gamma.value(new double[] {1, 0}, new double[] {1, 0, 0}));
        assertEquals("gamma needs vectors of equal length, got 2 and 3", e.getMessage());
    }

    @Test
    void idealValues() {
        assertEquals(0.0, Gamma.ideal(2));
        assertEquals(1.0 / 3, Gamma.ideal(3), 1e-16);
        assertEquals(1 - Math.acos(-1.0 / 3) / Math.PI, Gamma.ideal(4));
        assertEquals(0.5, Gamma.ideal(1_000_000), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Gamma.ideal(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 10, 20})
    void idealIsTheGammaBetweenSimplexVertices(int classes) {
        Summary s = Gamma.acrossPairs(RegularSimplex.regularSimplex(classes, classes + 1, 2.5));
        assertEquals(Gamma.ideal(classes), s.min(), 1e-15);
        assertEquals(Gamma.ideal(classes), s.max(), 1e-15);
        assertEquals(classes * (classes - 1) / 2, s.count());
    }

    @Test
    void toClassMeansPairsEachPointWithItsOwnMean() {
        double[][] means = {{1, 0}, {0, 1}};
        double[][] z = {{2, 0}, {0, 3}, {1, 1}};
        Summary s = Gamma.toClassMeans(z, new int[] {0, 1, 0}, means);
        assertEquals(3, s.count());
        assertEquals(0.75, s.min(), 1e-15);
        assertEquals(1.0, s.max());
        assertEquals((1 + 1 + 0.75) / 3, s.mean(), 1e-15);
    }
}
