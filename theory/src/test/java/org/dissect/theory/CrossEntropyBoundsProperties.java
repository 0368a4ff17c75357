package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Properties of {@link CrossEntropyBounds} over whole parameter ranges: r_W against its defining
 * equation and against an independent minimisation, and Theorem 1 / Corollaries 1 and 2 against the
 * cross-entropy of random and of optimal configurations.
 */
class CrossEntropyBoundsProperties {

    /** The test's own {@code f(x) = 2λx - ρ/(exp(Kρx/(K-1)) + K - 1)}. */
    private static double f(int k, double rho, double lambda, double x) {
        return 2 * lambda * x - rho / (Math.exp(k * rho * x / (k - 1)) + k - 1);
    }

    /** K log-uniform in 2..1000 from its log10. */
    private static int classes(double log10K) {
        return (int) Math.max(2, Math.min(1000, Math.round(Math.pow(10, log10K))));
    }

    /**
     * r_W solves {@code 2λx = ρ/(exp(Kρx/(K-1)) + K - 1)} over K in 2..1000, ρ in [0.01, 100],
     * λ in [1e-6, 1e3] (all log-uniform).
     *
     * <p>Tolerance on the residual: {@code 4·(1 + q)} ulps of {@code 2λx}, where
     * {@code q = a·x·e^{ax}/(e^{ax}+K-1)} with {@code a = Kρ/(K-1)}. A root that is exact to one ulp of x
     * moves f by {@code f'(x)·ulp(x)}, and {@code f'(x)·x = 2λx·(1 + q)} at the root, so no double x can
     * do better than about {@code (1 + q)} ulps of {@code 2λx}; the evaluation of f adds a few ulps more
     * (exp of a rounded argument carries a relative error of q·u). q reaches ~20 at ρ = 100, λ = 1e-6;
     * where q is small (most of the range) the bound is 4 to 8 ulps. Observed maximum: 2(1+q) ulps.
     */
    @Property(tries = 300)
    void rWSolvesItsEquationToAFewUlps(@ForAll @DoubleRange(min = 0.30103, max = 3) @Scale(6) double log10K,
                                      @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho,
                                      @ForAll @DoubleRange(min = -6, max = 3) @Scale(6) double log10Lambda) {
        int k = classes(log10K);
        double rho = Math.pow(10, log10Rho);
        double lambda = Math.pow(10, log10Lambda);
        double x = CrossEntropyBounds.rW(k, rho, lambda);
        assertTrue(x > 0 && x <= rho / (2 * lambda * k), "r_W = " + x + " outside the bracket (0, rho/(2 lambda K)]");
        double a = k * rho / (k - 1);
        double e = Math.exp(a * x);
        double q = a * x * e / (e + k - 1);
        double residual = f(k, rho, lambda, x);
        double tolerance = 4 * (1 + q) * Math.ulp(2 * lambda * x);
        assertTrue(Math.abs(residual) <= tolerance, "residual " + residual + " > " + tolerance + " at x=" + x);
        // the true f changes sign within 4 ulps of x on either side (f is increasing), decided in 40 digits: the
        // double f's rounding noise (a few ulps of 2λx) can move its own sign change by ~2 ulps of x, and the solver
        // does not work on the double f (it was a 1.3-ulp root at K=2, rho=0.287, lambda=2.43 where the double f had
        // the wrong sign 4 ulps below it)
        assertTrue(Reference.rWEquation(k, rho, lambda, Reference.DFP.newDfp(x - 4 * Math.ulp(x))).strictlyNegative(),
            "f(x - 4 ulp) < 0");
        assertTrue(Reference.rWEquation(k, rho, lambda, Reference.DFP.newDfp(x + 4 * Math.ulp(x))).strictlyPositive(),
            "f(x + 4 ulp) > 0");
    }

    /**
     * An independent root: plain bisection of the test's f on {@code [0, ρ/(2λK)]}, run until the
     * bracket cannot shrink. Both roots sit where the computed f changes sign; the rounding noise of f
     * (a few ulps of 2λx) shifts that point by at most a few ulps of x because
     * {@code f'(x)·x ≥ 2λx}. Tolerance 8 ulps of x.
     */
    @Property(tries = 200)
    void rWAgreesWithAnIndependentBisection(@ForAll @DoubleRange(min = 0.30103, max = 3) @Scale(6) double log10K,
                                           @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho,
                                           @ForAll @DoubleRange(min = -6, max = 3) @Scale(6) double log10Lambda) {
        int k = classes(log10K);
        double rho = Math.pow(10, log10Rho);
        double lambda = Math.pow(10, log10Lambda);
        double lo = 0;
        double hi = rho / (2 * lambda * k);
        while (true) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (f(k, rho, lambda, mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double x = CrossEntropyBounds.rW(k, rho, lambda);
        Reference.assertWithin(hi, x, 8 * Math.ulp(hi), "r_W vs bisection (K=" + k + ", rho=" + rho + ", lambda=" + lambda + ")");
    }

    /** Larger penalties give strictly smaller weights: λ' = λ·10^d with d in [0.001, 2]. */
    @Property(tries = 200)
    void rWDecreasesStrictlyInLambda(@ForAll @DoubleRange(min = 0.30103, max = 3) @Scale(6) double log10K,
                                    @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho,
                                    @ForAll @DoubleRange(min = -6, max = 1) @Scale(6) double log10Lambda,
                                    @ForAll @DoubleRange(min = 0.001, max = 2) @Scale(6) double log10Step) {
        int k = classes(log10K);
        double rho = Math.pow(10, log10Rho);
        double lambda = Math.pow(10, log10Lambda);
        double larger = lambda * Math.pow(10, log10Step);
        double x = CrossEntropyBounds.rW(k, rho, lambda);
        double y = CrossEntropyBounds.rW(k, rho, larger);
        assertTrue(y < x, "r_W(" + larger + ") = " + y + " is not below r_W(" + lambda + ") = " + x);
    }

    /**
     * r_W minimises {@code g(x) = log(1 + (K-1)e^{-ax}) + λKx²} (a = Kρ/(K-1)), checked without the
     * root equation: g is compared at pairs of points through the difference
     * {@code g(y) - g(x) = log1p((K-1)e^{-ax}·expm1(-a(y-x)) / (1 + (K-1)e^{-ax})) + λK(y²-x²)},
     * which keeps full relative precision however flat g is (plain g loses it to the constant log K).
     * (1) g(x(1±δ)) > g(x) for δ = 1e-2 and 1e-6; (2) a golden-section search on g over
     * {@code [0, ρ/(2λK)]} lands within 1e-9·x of r_W (golden section with exact comparisons converges
     * to a few ulps; 1e-9 leaves room for comparisons that round the wrong way near the flat minimum).
     */
    @Property(tries = 150)
    void rWMinimisesThePenalisedBoundFunction(@ForAll @DoubleRange(min = 0.30103, max = 3) @Scale(6) double log10K,
                                             @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho,
                                             @ForAll @DoubleRange(min = -6, max = 3) @Scale(6) double log10Lambda) {
        int k = classes(log10K);
        double rho = Math.pow(10, log10Rho);
        double lambda = Math.pow(10, log10Lambda);
        double x = CrossEntropyBounds.rW(k, rho, lambda);
        for (double delta : new double[] {1e-2, 1e-6}) {
            assertTrue(gDifference(k, rho, lambda, x, x * (1 + delta)) > 0, "g(x(1+" + delta + ")) > g(x)");
            assertTrue(gDifference(k, rho, lambda, x, x * (1 - delta)) > 0, "g(x(1-" + delta + ")) > g(x)");
        }
        double golden = goldenSectionMinimum(k, rho, lambda, 0, rho / (2 * lambda * k));
        Reference.assertRelative(golden, x, 1e-9, "r_W vs golden-section minimum of g");
    }

    /** {@code g(y) - g(x)} in a cancellation-free form. */
    private static double gDifference(int k, double rho, double lambda, double x, double y) {
        double a = k * rho / (k - 1);
        double ex = (k - 1) * Math.exp(-a * x);
        double logPart = Math.log1p(ex * Math.expm1(-a * (y - x)) / (1 + ex));
        return logPart + lambda * k * (y - x) * (y + x);
    }

    private static double goldenSectionMinimum(int k, double rho, double lambda, double lo, double hi) {
        final double invPhi = (Math.sqrt(5) - 1) / 2;
        double c = hi - invPhi * (hi - lo);
        double d = lo + invPhi * (hi - lo);
        for (int i = 0; i < 2000 && hi - lo > 1e-13 * hi; i++) {
            if (gDifference(k, rho, lambda, c, d) > 0) {
                // g(d) > g(c): the minimum lies left of d
                hi = d;
                d = c;
                c = hi - invPhi * (hi - lo);
            } else {
                lo = c;
                c = d;
                d = lo + invPhi * (hi - lo);
            }
        }
        return (lo + hi) / 2;
    }

    /** Random balanced labels and a point cloud in the ρ-ball (a third of the points pushed to the sphere). */
    private static double[][] pointsInBall(UniformRandomProvider rng, int count, int dim, double rho) {
        double[][] z = Reference.ball(rng, count, dim, rho);
        for (int i = 0; i < count; i += 3) {
            z[i] = Reference.scale(z[i], rho / Reference.norm(z[i]));
        }
        return z;
    }

    /**
     * Theorem 1: for random Z in the ρ-ball (h from 1 to K+2, so also below K-1) and random W of any
     * scale, the CE is never below {@code theorem1(K, ρ, ‖W‖_F)}. Relative slack 1e-12: far above the
     * rounding of either side (losses here are ≥ 1e-3, where CE is accurate to ~1e-16 absolute).
     */
    @Property(tries = 200)
    void theorem1NeverExceedsTheCrossEntropyOfRandomNormBoundedConfigurations(
            @ForAll @IntRange(min = 2, max = 10) int k, @ForAll @IntRange(min = 1, max = 8) int perClass,
            @ForAll @IntRange(min = 1, max = 12) int dim, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double rho = Reference.logUniform(rng, 0.05, 5);
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = pointsInBall(rng, labels.length, dim, rho);
        double[][] w = Reference.ball(rng, k, dim, Reference.logUniform(rng, 0.01, 10));
        double frobenius = 0;
        for (double[] row : w) {
            frobenius += Reference.dot(row, row);
        }
        double bound = CrossEntropyBounds.theorem1(k, rho, Math.sqrt(frobenius));
        double ce = CrossEntropy.loss(z, w, labels);
        assertTrue(ce >= bound * (1 - 1e-12), "CE " + ce + " below the Theorem 1 bound " + bound);
    }

    /**
     * Theorem 1 near its optimum: the optimal configuration (simplex Z, W = cζ) perturbed by noise of
     * relative size σ in [1e-4, 0.3] (points pulled back into the ball). These configurations come
     * within O(σ²) of the bound, so they test the inequality where it is tight. The margin
     * {@code t = cρ²K/(K-1)} is kept ≤ 4 so the loss stays ≥ 0.018, where CE is accurate to 1e-14 relative.
     */
    @Property(tries = 200)
    void theorem1HoldsForPerturbedOptimalConfigurations(
            @ForAll @IntRange(min = 2, max = 10) int k, @ForAll @IntRange(min = 1, max = 5) int perClass,
            @ForAll @IntRange(min = 0, max = 3) int extraDim, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int dim = k - 1 + extraDim;
        double rho = Reference.logUniform(rng, 0.1, 10);
        double t = Reference.logUniform(rng, 1e-3, 30);
        double c = t * (k - 1) / (k * rho * rho);
        double sigma = Reference.logUniform(rng, 1e-4, 0.3);
        double[][] zeta = RegularSimplex.regularSimplex(k, dim, rho);
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = Reference.collapsed(zeta, labels);
        for (double[] p : z) {
            for (int j = 0; j < dim; j++) {
                p[j] += sigma * rho * Reference.gaussian(rng);
            }
            double norm = Reference.norm(p);
            if (norm > rho) {
                double[] q = Reference.scale(p, rho / norm);
                System.arraycopy(q, 0, p, 0, dim);
            }
        }
        double[][] w = new double[k][];
        double frobenius = 0;
        for (int y = 0; y < k; y++) {
            w[y] = Reference.scale(zeta[y], c);
            for (int j = 0; j < dim; j++) {
                w[y][j] += sigma * c * rho * Reference.gaussian(rng);
            }
            frobenius += Reference.dot(w[y], w[y]);
        }
        double bound = CrossEntropyBounds.theorem1(k, rho, Math.sqrt(frobenius));
        double ce = CrossEntropy.loss(z, w, labels);
        assertTrue(ce >= bound * (1 - 1e-12), "CE " + ce + " below the Theorem 1 bound " + bound + " (sigma " + sigma + ")");
    }

    /** Corollary 1: random Z in the ρ-ball, random W with every ‖w_y‖ ≤ r_W (r_W free). Slack as above. */
    @Property(tries = 200)
    void corollary1NeverExceedsTheCrossEntropyOfWeightBoundedConfigurations(
            @ForAll @IntRange(min = 2, max = 10) int k, @ForAll @IntRange(min = 1, max = 8) int perClass,
            @ForAll @IntRange(min = 1, max = 12) int dim, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double rho = Reference.logUniform(rng, 0.05, 5);
        double rW = Reference.logUniform(rng, 0.01, 5);
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = pointsInBall(rng, labels.length, dim, rho);
        double[][] w = Reference.ball(rng, k, dim, rW);
        w[rng.nextInt(k)] = Reference.sphere(rng, 1, dim, rW)[0];
        double bound = CrossEntropyBounds.corollary1(k, rho, rW);
        double ce = CrossEntropy.loss(z, w, labels);
        assertTrue(ce >= bound * (1 - 1e-12), "CE " + ce + " below the Corollary 1 bound " + bound);
    }

    /** Corollary 2: random Z in the ρ-ball, random W of any size, the regularised loss never falls below the bound. */
    @Property(tries = 200)
    void corollary2NeverExceedsTheRegularisedLossOfRandomConfigurations(
            @ForAll @IntRange(min = 2, max = 10) int k, @ForAll @IntRange(min = 1, max = 8) int perClass,
            @ForAll @IntRange(min = 1, max = 12) int dim,
            @ForAll @DoubleRange(min = -4, max = 2) @Scale(6) double log10Lambda, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        double rho = Reference.logUniform(rng, 0.05, 5);
        double lambda = Math.pow(10, log10Lambda);
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = pointsInBall(rng, labels.length, dim, rho);
        double[][] w = Reference.ball(rng, k, dim, Reference.logUniform(rng, 0.01, 10));
        double bound = CrossEntropyBounds.corollary2(k, rho, lambda).bound();
        double loss = CrossEntropy.regularizedLoss(z, w, labels, lambda);
        assertTrue(loss >= bound * (1 - 1e-12), "regularised CE " + loss + " below the Corollary 2 bound " + bound);
    }

    /**
     * Corollary 2 near its optimum: simplex Z, W = (r_W/ρ)ζ rescaled by a factor s in [0.5, 2] and
     * perturbed by noise σ: the regularised loss stays above the bound (σ down to 1e-5 and s near 1
     * come within ~1e-10 of it).
     */
    @Property(tries = 200)
    void corollary2HoldsForPerturbedOptimalConfigurations(
            @ForAll @IntRange(min = 2, max = 10) int k, @ForAll @IntRange(min = 0, max = 3) int extraDim,
            @ForAll @DoubleRange(min = -3, max = 1) @Scale(6) double log10Lambda, @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int dim = k - 1 + extraDim;
        double rho = Reference.logUniform(rng, 0.1, 3);
        double lambda = Math.pow(10, log10Lambda);
        double rW = CrossEntropyBounds.rW(k, rho, lambda);
        double s = Reference.logUniform(rng, 0.5, 2);
        double sigma = Reference.logUniform(rng, 1e-5, 0.1);
        double[][] zeta = RegularSimplex.regularSimplex(k, dim, rho);
        int[] labels = Reference.balancedLabels(k, 3);
        double[][] z = Reference.collapsed(zeta, labels);
        double[][] w = new double[k][];
        for (int y = 0; y < k; y++) {
            w[y] = Reference.scale(zeta[y], s * rW / rho);
            for (int j = 0; j < dim; j++) {
                w[y][j] += sigma * rW * Reference.gaussian(rng);
            }
        }
        double bound = CrossEntropyBounds.corollary2(k, rho, lambda).bound();
        double loss = CrossEntropy.regularizedLoss(z, w, labels, lambda);
        assertTrue(loss >= bound * (1 - 1e-12), "regularised CE " + loss + " below the Corollary 2 bound " + bound);
    }

    /**
     * All three bounds are attained at the optimum (C1)-(C3): Z at a regular simplex (the library's,
     * rotated, or one built independently in the test), weights {@code w_y = cζ_y}. Theorem 1 with
     * {@code ‖W‖_F = c·ρ·√K}; Corollary 1 with {@code c = r_W/ρ}; Corollary 2 with r_W from λ.
     *
     * <p>Relative 1e-12. The margin {@code t = cρ²K/(K-1)} is drawn in [1e-3, 30]: the loss
     * {@code log1p((K-1)e^{-t})} inherits the logits' relative rounding times t (≤ 30·1e-16), and
     * {@code CrossEntropy.loss} keeps full relative precision for tiny losses (log1p form).
     */
    @Property(tries = 200)
    void allThreeBoundsAreAttainedAtTheSimplexWithProportionalWeights(
            @ForAll @IntRange(min = 2, max = 12) int k, @ForAll @IntRange(min = 1, max = 4) int perClass,
            @ForAll @IntRange(min = 0, max = 3) int extraDim, @ForAll @IntRange(min = 0, max = 2) int construction,
            @ForAll long seed) {
        UniformRandomProvider rng = Reference.rng(seed);
        int dim = k - 1 + extraDim;
        double rho = Reference.logUniform(rng, 0.1, 10);
        double[][] zeta = switch (construction) {
            case 0 -> RegularSimplex.regularSimplex(k, dim, rho);
            case 1 -> RegularSimplexTest.rotate(RegularSimplex.regularSimplex(k, dim, rho), rng);
            default -> Reference.simplexByGramSchmidt(k, dim, rho);
        };
        int[] labels = Reference.balancedLabels(k, perClass);
        double[][] z = Reference.collapsed(zeta, labels);

        // Theorem 1, any c > 0
        double t = Reference.logUniform(rng, 1e-3, 30);
        double c = t * (k - 1) / (k * rho * rho);
        double ceTheorem1 = CrossEntropy.loss(z, weights(zeta, c), labels);
        Reference.assertRelative(ceTheorem1, CrossEntropyBounds.theorem1(k, rho, c * rho * Math.sqrt(k)), 1e-12,
            "Theorem 1 attained (t=" + t + ")");

        // Corollary 1, w_y = (r_W/rho) zeta_y
        double rW = Reference.logUniform(rng, 1e-3, 30) * (k - 1) / (k * rho);
        double ceCorollary1 = CrossEntropy.loss(z, weights(zeta, rW / rho), labels);
        Reference.assertRelative(ceCorollary1, CrossEntropyBounds.corollary1(k, rho, rW), 1e-12, "Corollary 1 attained");

        // Corollary 2, r_W from lambda: choose lambda so that the margin stays in range
        double lambda = Reference.logUniform(rng, 1e-2, 1e2) * rho * rho / k;
        PenalizedBound penalized = CrossEntropyBounds.corollary2(k, rho, lambda);
        double margin = k * rho * penalized.rW() / (k - 1);
        if (margin <= 4) {
            double regularized = CrossEntropy.regularizedLoss(z, weights(zeta, penalized.rW() / rho), labels, lambda);
            Reference.assertRelative(regularized, penalized.bound(), 1e-12, "Corollary 2 attained (margin " + margin + ")");
        }
    }

    private static double[][] weights(double[][] zeta, double c) {
        double[][] w = new double[zeta.length][];
        for (int y = 0; y < zeta.length; y++) {
            w[y] = Reference.scale(zeta[y], c);
        }
        return w;
    }

    /**
     * The Corollary 2 split: {@code ce + penalty = bound}, {@code r_W = rW(K, ρ, λ)} and
     * {@code ce = corollary1(K, ρ, r_W)} bit for bit; {@code penalty = λKr_W²}, recomputed here as
     * {@code K·(λ·r·r)} (three roundings; the library rounds three times too, in another order): 8 units
     * of roundoff.
     */
    @Property(tries = 200)
    void corollary2SplitsIntoCorollary1AtRWPlusThePenalty(
            @ForAll @DoubleRange(min = 0.30103, max = 3) @Scale(6) double log10K,
            @ForAll @DoubleRange(min = -2, max = 2) @Scale(6) double log10Rho,
            @ForAll @DoubleRange(min = -6, max = 3) @Scale(6) double log10Lambda) {
        int k = classes(log10K);
        double rho = Math.pow(10, log10Rho);
        double lambda = Math.pow(10, log10Lambda);
        PenalizedBound p = CrossEntropyBounds.corollary2(k, rho, lambda);
        assertEquals(CrossEntropyBounds.rW(k, rho, lambda), p.rW());
        assertEquals(CrossEntropyBounds.corollary1(k, rho, p.rW()), p.ce());
        Reference.assertRelative(k * (lambda * p.rW() * p.rW()), p.penalty(), 8 * Reference.UNIT_ROUNDOFF, "penalty");
        assertEquals(p.ce() + p.penalty(), p.bound());
    }

    /**
     * The three bound formulas against the test's own transcription
     * {@code log(1 + (K-1)exp(-t))} (as {@code log1p}), over wide ranges of every argument. The margin t
     * is formed in a different order here, a relative error of ~2u·t that exp turns into a relative error
     * of the same size: tolerance {@code 1e-14·(1 + t)}; plus K subnormal ulps, because the transcription
     * here multiplies a subnormal {@code exp(-t)} (t above 708) by K-1, where the library does not.
     */
    @Property(tries = 300)
    void boundsMatchTheirFormulasOverWideRanges(@ForAll @IntRange(min = 2, max = 1000) int k,
                                               @ForAll @DoubleRange(min = -3, max = 2) @Scale(6) double log10Rho,
                                               @ForAll @DoubleRange(min = -4, max = 3) @Scale(6) double log10Norm) {
        double rho = Math.pow(10, log10Rho);
        double norm = Math.pow(10, log10Norm);
        double t1 = rho * norm * Math.sqrt(k) / (k - 1);
        double subnormal = k * Double.MIN_VALUE;
        double expected1 = Math.log1p((k - 1) * Math.exp(-t1));
        Reference.assertWithin(expected1, CrossEntropyBounds.theorem1(k, rho, norm), 1e-14 * (1 + t1) * expected1 + subnormal,
            "Theorem 1");
        double t2 = k * rho * norm / (k - 1);
        double expected2 = Math.log1p((k - 1) * Math.exp(-t2));
        Reference.assertWithin(expected2, CrossEntropyBounds.corollary1(k, rho, norm), 1e-14 * (1 + t2) * expected2 + subnormal,
            "Corollary 1");
    }
}
