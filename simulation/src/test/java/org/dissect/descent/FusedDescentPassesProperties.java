package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The fused passes of {@link CrossEntropyObjective} ({@code trial}, {@code direction}) against the straightforward
 * reference, {@link Objective}'s defaults (candidate, projection and decrease as three separate passes; copy, then
 * precondition), over random shapes: the same candidate and direction bits, the decrease to its rounding, and whole
 * descents with the same iterates; and the same bits on one thread and on three.
 */
class FusedDescentPassesProperties {
    /**
     * The same objective with {@link Objective}'s default trial and direction, the reference passes; and the default
     * curvature too, or the objective's own (sharing it isolates the trial and direction in a whole descent: the
     * Barzilai-Borwein step amplifies a rounding-level change of its sums into 1e-9 after twenty steps).
     */
    private record Reference(CrossEntropyObjective f, boolean ownCurvature) implements Objective {
        Reference(CrossEntropyObjective f) {
            this(f, false);
        }

        @Override
        public double[] curvature(double[] x, double[] next, double[] d, double[] nextD) {
            return ownCurvature ? f.curvature(x, next, d, nextD) : Objective.super.curvature(x, next, d, nextD);
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradient) {
            return f.valueAndGradient(x, gradient);
        }

        @Override
        public void project(double[] x) {
            f.project(x);
        }

        @Override
        public void precondition(double[] gradient) {
            f.precondition(gradient);
        }
    }

    @Example
    void thePassesHaveTheSameBitsOnOneThreadAndOnThree() {
        // 300 points in 512-D: 153,600 point coordinates, enough for the passes to split over threads.
        int[] labels = ScSimulation.balancedLabels(3, 100);
        UniformRandomProvider rng = ScSimulation.stream(17);
        double[] x = uniform(3 * 512 + 300 * 512, rng);
        double[] d = uniform(x.length, rng);
        double[] g = uniform(x.length, rng);
        double[] y = uniform(x.length, rng);
        double[][] results = new double[2][];
        int[] threads = {1, 3};
        for (int t = 0; t < 2; t++) {
            try (CeGradient engine = new JavaCeGradient(threads[t]);
                 CrossEntropyObjective f = new CrossEntropyObjective(3, 512, labels, 0.5, 0.05, null, engine)) {
                double[] candidate = new double[x.length];
                double decrease = f.trial(x, d, 0.3, g, candidate);
                double[] direction = new double[x.length];
                f.direction(g, direction);
                double[] bb = f.curvature(x, candidate, d, y);
                double[] all = new double[3 + 2 * x.length];
                all[0] = decrease;
                all[1] = bb[0];
                all[2] = bb[1];
                System.arraycopy(candidate, 0, all, 3, x.length);
                System.arraycopy(direction, 0, all, 3 + x.length, x.length);
                results[t] = all;
            }
        }
        assertArrayEquals(results[0], results[1], "bit for bit (0 tolerance)");
    }

    private static CrossEntropyObjective objective(int classes, int perClass, int dim, double rho, boolean fixed, long seed) {
        int[] labels = ScSimulation.balancedLabels(classes, perClass);
        double[] w = fixed ? Points.uniformInBall(classes, dim, 2.0, ScSimulation.stream(seed + 1)) : null;
        return new CrossEntropyObjective(classes, dim, labels, rho, 0.05, w, new JavaCeGradient());
    }

    private static double[] uniform(int n, UniformRandomProvider rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rng.nextDouble() - 1;
        }
        return v;
    }

    @Property(tries = 100)
    void eachPassGivesTheReferenceCandidateDirectionAndSums(@ForAll @IntRange(min = 2, max = 5) int classes,
                                                       @ForAll @IntRange(min = 1, max = 7) int perClass,
                                                       @ForAll @IntRange(min = 1, max = 40) int dim,
                                                       @ForAll @DoubleRange(min = 0.1, max = 3) double rho,
                                                       @ForAll @DoubleRange(min = 0.01, max = 10) double eta,
                                                       @ForAll boolean fixed, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        CrossEntropyObjective f = objective(classes, perClass, dim, rho, fixed, seed);
        UniformRandomProvider rng = ScSimulation.stream(seed);
        double[] x = uniform(f.size(), rng);
        f.project(x);
        double[] d = uniform(f.size(), rng);
        double[] g = uniform(f.size(), rng);
        double[] fused = new double[f.size()];
        double[] reference = new double[f.size()];
        double decrease = f.trial(x, d, eta, g, fused);
        double expected = new Reference(f).trial(x, d, eta, g, reference);
        assertArrayEquals(reference, fused, "the candidate keeps its bits (0 tolerance)");
        double magnitude = 0;
        for (int i = 0; i < x.length; i++) {
            magnitude += Math.abs(g[i] * (x[i] - reference[i]));
        }
        // Only the order of the additions differs: each order is within n·2⁻⁵³·Σ|terms| of the exact sum.
        assertEquals(expected, decrease, 2 * x.length * 0x1p-53 * magnitude);

        double[] direction = new double[f.size()];
        double[] referenceDirection = new double[f.size()];
        f.direction(g, direction);
        new Reference(f).direction(g, referenceDirection);
        assertArrayEquals(referenceDirection, direction, "the direction keeps its bits (0 tolerance)");

        double[] nextD = uniform(f.size(), rng);
        double[] sums = f.curvature(x, fused, d, nextD);
        double[] defaults = new Reference(f).curvature(x, fused, d, nextD);
        double ss = 0;
        double sy = 0;
        double syMagnitude = 0;
        for (int i = 0; i < x.length; i++) {
            double step = fused[i] - x[i];
            ss += step * step;
            sy += step * (nextD[i] - d[i]);
            syMagnitude += Math.abs(step * (nextD[i] - d[i]));
        }
        // One running sum here, per point in four running sums there: the same terms in two orders, within
        // 2n·2⁻⁵³·Σ|terms| of each other.
        for (double[] got : new double[][] {sums, defaults}) {
            assertEquals(ss, got[0], 2 * x.length * 0x1p-53 * ss);
            assertEquals(sy, got[1], 2 * x.length * 0x1p-53 * syMagnitude);
        }
    }

    @Property(tries = 30)
    void wholeDescentsFollowTheReferenceIterates(@ForAll @IntRange(min = 2, max = 4) int classes,
                                                 @ForAll @IntRange(min = 2, max = 8) int perClass,
                                                 @ForAll @IntRange(min = 2, max = 16) int dim,
                                                 @ForAll @DoubleRange(min = 0.5, max = 2) double rho,
                                                 @ForAll boolean fixed, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        CrossEntropyObjective f = objective(classes, perClass, dim, rho, fixed, seed);
        double[] start = Points.uniformInBall(f.size() / dim, dim, rho, ScSimulation.stream(seed));
        List<double[]> fused = new ArrayList<>();
        List<double[]> reference = new ArrayList<>();
        Descent descent = new Descent(60, 0.1, 0);
        Descent.Outcome a = descent.minimise(f, start.clone(), (step, v, x) -> fused.add(x.clone()));
        Descent.Outcome b = descent.minimise(new Reference(f, true), start.clone(), (step, v, x) -> reference.add(x.clone()));
        assertEquals(b.steps(), a.steps(), "the same stopping step");
        for (int s = 0; s < reference.size(); s++) {
            double[] p = fused.get(s);
            double[] q = reference.get(s);
            double scale = 0;
            double gap = 0;
            for (int i = 0; i < p.length; i++) {
                scale = Math.max(scale, Math.abs(q[i]));
                gap = Math.max(gap, Math.abs(p[i] - q[i]));
            }
            // The decreases differ only in rounding and enter the Armijo test alone, so the iterates agree unless a
            // test is decided within that rounding: 1e-12 relative allows a few ulps of drift, not a different path.
            assertTrue(gap <= 1e-12 * scale, "step " + s + ": gap " + gap + " at scale " + scale);
        }
    }
}
