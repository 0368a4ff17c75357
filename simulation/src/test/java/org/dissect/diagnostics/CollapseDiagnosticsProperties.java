package org.dissect.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.dissect.theory.Vectors;

/**
 * The diagnostics at the equality case of Theorem 1/Corollary 2 and near it.
 *
 * <p>Tolerance 1e-12 at the optimum: every statistic is a sum of at most a few dozen products of
 * numbers of size ρ (or r_W), divided by ρ (or ρ², r_W, r_W²), so its rounding error is a small
 * multiple of 2^-53 ≈ 1.1e-16, and the random orthogonal matrix is orthogonal to about 1e-15; γ is
 * computed with Kahan's atan2 formula, which keeps that accuracy at angle 0 (arccos would give
 * 1.5e-8 there). 1e-12 leaves a margin of about 1000.
 */
class CollapseDiagnosticsProperties {
    private static final double TOL = 1e-12;

    @Property(tries = 200, seed = "20210718")
    void everyStatisticIsIdealAtARotatedSimplex(@ForAll @IntRange(min = 2, max = 7) int classes,
                                                @ForAll @IntRange(min = 0, max = 3) int extraDims,
                                                @ForAll @DoubleRange(min = 0.1, max = 10) double rho,
                                                @ForAll @IntRange(min = 1, max = 4) int perClass,
                                                @ForAll @DoubleRange(min = -3, max = 0) double log10Lambda,
                                                @ForAll long seed) {
        double lambda = Math.pow(10, log10Lambda);
        Configurations.Simplex s = Configurations.simplex(classes, classes - 1 + extraDims, rho, perClass, lambda, seed);
        CollapseReport r = s.diagnostics().compute();

        assertEquals(RadiusSource.GIVEN, r.rhoSource());
        assertEquals(rho, r.rho());
        assertTrue(r.attainable());
        assertEquals(0, r.withinClassSpread().max(), TOL);
        assertEquals(0, r.simplexDeviation(), TOL);
        assertEquals(0, r.sumOfMeans(), TOL);
        assertEquals(0, r.meanNormSpread(), TOL);
        assertEquals(1, r.meanNorm(), TOL);
        assertEquals(0, r.definition3().max(), TOL);
        double ideal = Gamma.ideal(classes);
        assertEquals(ideal, r.gammaIdeal());
        assertEquals(ideal, r.gammaAcrossMeans().min(), TOL);
        assertEquals(ideal, r.gammaAcrossMeans().max(), TOL);
        assertEquals(classes * (classes - 1) / 2, r.gammaAcrossMeans().count());
        assertEquals(1, r.gammaToMeans().min(), TOL);
        assertEquals(classes * perClass, r.gammaToMeans().count());
        assertEquals(0, r.nc1(), TOL);
        assertEquals(0, r.nc2Equinorm(), TOL);
        assertEquals(0, r.nc2Equiangularity().std(), TOL);
        assertEquals(0, r.nc2Equiangularity().maxDeviation(), TOL);

        assertEquals(s.rW(), r.rW());
        WeightReport w = r.weights().orElseThrow();
        assertEquals(1, w.cosineToMeans().min(), TOL);
        assertEquals(1, w.gammaToMeans().min(), TOL);
        assertEquals(s.rW(), w.norms().min(), TOL * s.rW());
        assertEquals(s.rW(), w.norms().max(), TOL * s.rW());
        assertEquals(0, w.equinorm(), TOL);
        assertEquals(0, w.simplexDeviation(), TOL);
        assertEquals(ideal, w.gammaAcrossWeights().min(), TOL);
        assertEquals(ideal, w.gammaAcrossWeights().max(), TOL);
        assertEquals(0, w.c3Deviation(), TOL);
        assertEquals(0, w.nc3(), TOL);
        assertEquals(0.0, w.nc4());
        WeightReport.NormsToRW toRW = w.normsToRW().orElseThrow();
        assertEquals(0, toRW.maxRelativeDeviation(), TOL);
        assertEquals(1, toRW.ratios().mean(), TOL);

        assertTrue(r.confirmsCollapse(TOL), () -> "collapse distance " + r.collapseDistance());
    }

    @Property(tries = 100, seed = "20210719")
    void withoutARadiusTheMeanPointNormIsUsedAndSaidSo(@ForAll @IntRange(min = 2, max = 6) int classes,
                                                       @ForAll @IntRange(min = 0, max = 2) int extraDims,
                                                       @ForAll @DoubleRange(min = 0.1, max = 10) double rho,
                                                       @ForAll @IntRange(min = 1, max = 3) int perClass,
                                                       @ForAll long seed) {
        Configurations.Simplex s = Configurations.simplex(classes, classes - 1 + extraDims, rho, perClass, 0.01, seed);
        CollapseReport r = CollapseDiagnostics.of(s.points(), s.labels(), classes).compute();
        assertEquals(RadiusSource.MEAN_POINT_NORM, r.rhoSource());
        assertEquals(rho, r.rho(), TOL * rho);
        assertEquals(0, r.simplexDeviation(), TOL);
        assertTrue(r.weights().isEmpty());
        assertTrue(Double.isNaN(r.rW()));
        assertTrue(r.confirmsCollapse(TOL));
    }

    /**
     * One point moved by ε orthogonally to its vertex. With n ≥ 2 points per class its class mean moves
     * by ε/n, so the point lies {@code ε(1 - 1/n)} from the mean, the others {@code ε/n}; the sum of the
     * means moves by ε/n; the angle between the point and its mean is {@code atan(ε/ρ) - atan(ε/(nρ))}.
     */
    @Property(tries = 200, seed = "20210720")
    void onePointMovedByEpsilonIsSeenAtFirstOrder(@ForAll @IntRange(min = 2, max = 6) int classes,
                                                  @ForAll @IntRange(min = 0, max = 2) int extraDims,
                                                  @ForAll @DoubleRange(min = 0.1, max = 10) double rho,
                                                  @ForAll @IntRange(min = 2, max = 4) int perClass,
                                                  @ForAll @DoubleRange(min = -9, max = -4) double log10Eps,
                                                  @ForAll long seed) {
        double relativeEps = Math.pow(10, log10Eps);
        int dim = classes - 1 + extraDims;
        Assume.that(dim >= 2);
        Configurations.Simplex s = Configurations.simplex(classes, dim, rho, perClass, 0.01, seed);
        double eps = relativeEps * rho;
        int n = s.firstOf(0);
        double[][] z = Configurations.copy(s.points());
        double[] u = Configurations.orthogonalUnit(Configurations.randomUnit(dim, new SplittableRandom(seed + 1)), z[n]);
        Configurations.addTo(z[n], eps, u);
        CollapseReport r = CollapseDiagnostics.of(z, s.labels(), classes).withRadius(rho).compute();

        double expectedMax = relativeEps * (1 - 1.0 / perClass);
        assertEquals(expectedMax, r.withinClassSpread().max(), 1e-6 * expectedMax + TOL);
        assertEquals(relativeEps / perClass, r.sumOfMeans(), 1e-6 * relativeEps + TOL);
        // The perturbed point's angle to its mean, or for n = 2 equally the other point's, atan(ε/(nρ)).
        double expectedAngle = Math.max(Math.atan(relativeEps) - Math.atan(relativeEps / perClass),
            Math.atan(relativeEps / perClass));
        assertEquals(1 - expectedAngle / Math.PI, r.gammaToMeans().min(), 1e-6 * expectedAngle + TOL);
        assertTrue(1 - r.gammaToMeans().min() > 0.1 * relativeEps);
        assertTrue(r.nc1() > 0);
        assertTrue(r.collapseDistance() >= 0.4 * relativeEps);
    }

    /**
     * All points of class 0 moved by ε towards the far side from vertex 1, {@code u = (ζ_0 - ζ_1)/‖ζ_0 - ζ_1‖}:
     * every point still equals its mean (spread and NC1 stay 0) but the means leave the simplex:
     * (S1) becomes exactly ε/ρ and the Gram and γ deviations are of order ε/ρ.
     */
    @Property(tries = 200, seed = "20210721")
    void oneClassMovedByEpsilonIsSeenAtFirstOrder(@ForAll @IntRange(min = 3, max = 7) int classes,
                                                  @ForAll @IntRange(min = 0, max = 2) int extraDims,
                                                  @ForAll @DoubleRange(min = 0.1, max = 10) double rho,
                                                  @ForAll @IntRange(min = 1, max = 3) int perClass,
                                                  @ForAll @DoubleRange(min = -9, max = -4) double log10Eps,
                                                  @ForAll long seed) {
        double relativeEps = Math.pow(10, log10Eps);
        Configurations.Simplex s = Configurations.simplex(classes, classes - 1 + extraDims, rho, perClass, 0.01, seed);
        double[] zeta0 = s.vertices()[0];
        double[] u = s.vertices()[1].clone();
        Configurations.addTo(u, -1, zeta0);
        u = Configurations.scale(u, -1 / Vectors.norm(u));
        double[][] z = Configurations.copy(s.points());
        for (int n = 0; n < z.length; n++) {
            if (s.labels()[n] == 0) {
                Configurations.addTo(z[n], relativeEps * rho, u);
            }
        }
        CollapseReport r = CollapseDiagnostics.of(z, s.labels(), classes).withRadius(rho).compute();

        assertEquals(0, r.withinClassSpread().max(), TOL);
        assertEquals(0, r.nc1(), TOL);
        assertEquals(relativeEps, r.sumOfMeans(), 1e-6 * relativeEps + TOL);
        // <u, ζ_0> = ρ·sqrt(K/(2(K-1))) ≥ ρ/√2, so the diagonal entry moves by at least √2·ε·ρ.
        assertTrue(r.simplexDeviation() >= relativeEps, () -> "Gram deviation " + r.simplexDeviation());
        assertTrue(r.simplexDeviation() <= 3 * relativeEps, () -> "Gram deviation " + r.simplexDeviation());
        // The angle between μ_0 and μ_1 grows at rate ‖u_⊥‖/ρ ≥ 1/(2ρ), so γ drops by at least ε/(2πρ).
        double drop = r.gammaIdeal() - r.gammaAcrossMeans().min();
        assertTrue(drop >= 0.1 * relativeEps && drop <= relativeEps, () -> "gamma drop " + drop);
        assertTrue(r.nc2Equinorm() > 0);
        assertTrue(r.collapseDistance() >= relativeEps);
    }

    /**
     * One weight moved by ε in a random direction {@code u = a·ŵ + b·u_⊥}: the norm moves by {@code ε a},
     * the angle to its mean by about {@code ε|b|/r_W}; the collapse distance rises at first order
     * whatever the direction.
     */
    @Property(tries = 200, seed = "20210722")
    void oneWeightMovedByEpsilonIsSeenAtFirstOrder(@ForAll @IntRange(min = 2, max = 6) int classes,
                                                   @ForAll @IntRange(min = 0, max = 3) int extraDims,
                                                   @ForAll @DoubleRange(min = 0.1, max = 10) double rho,
                                                   @ForAll @DoubleRange(min = -3, max = 0) double log10Lambda,
                                                   @ForAll @DoubleRange(min = -9, max = -4) double log10Eps,
                                                   @ForAll boolean withLambda,
                                                   @ForAll long seed) {
        double lambda = Math.pow(10, log10Lambda);
        double relativeEps = Math.pow(10, log10Eps);
        int dim = classes - 1 + extraDims;
        Configurations.Simplex s = Configurations.simplex(classes, dim, rho, 2, lambda, seed);
        double[][] w = Configurations.copy(s.weights());
        double[] u = Configurations.randomUnit(dim, new SplittableRandom(seed + 2));
        Configurations.addTo(w[0], relativeEps * s.rW(), u);
        CollapseDiagnostics d = CollapseDiagnostics.of(s.points(), s.labels(), classes).withRadius(rho).withWeights(w);
        CollapseReport r = (withLambda ? d.withLambda(lambda) : d).compute();
        assertTrue(r.collapseDistance() >= 0.25 * relativeEps, () -> "distance " + r.collapseDistance());
        assertTrue(r.collapseDistance() <= 3 * relativeEps, () -> "distance " + r.collapseDistance());
    }

    @Property(tries = 100, seed = "20210723")
    void translationAndScaleLeaveNeuralCollapseStatisticsUnchanged(@ForAll @IntRange(min = 2, max = 5) int classes,
                                                                   @ForAll @IntRange(min = 1, max = 6) int dim,
                                                                   @ForAll @IntRange(min = 2, max = 5) int perClass,
                                                                   @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
                                                                   @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] z = new double[classes * perClass][dim];
        int[] labels = new int[z.length];
        for (int n = 0; n < z.length; n++) {
            labels[n] = n % classes;
            for (int k = 0; k < dim; k++) {
                z[n][k] = rng.nextGaussian();
            }
        }
        double[] shift = Configurations.randomUnit(dim, rng);
        double[][] moved = new double[z.length][dim];
        for (int n = 0; n < z.length; n++) {
            for (int k = 0; k < dim; k++) {
                moved[n][k] = scale * z[n][k] + 3 * scale * shift[k];
            }
        }
        CollapseReport a = CollapseDiagnostics.of(z, labels, classes).compute();
        CollapseReport b = CollapseDiagnostics.of(moved, labels, classes).compute();
        assertEquals(a.nc1(), b.nc1(), 1e-8 * a.nc1());
        assertEquals(a.nc2Equinorm(), b.nc2Equinorm(), 1e-8 * Math.abs(a.nc2Equinorm()) + 1e-12);
        assertEquals(a.nc2Equiangularity().std(), b.nc2Equiangularity().std(), 1e-8);
        assertTrue(a.nc1() > 0);
    }
}
