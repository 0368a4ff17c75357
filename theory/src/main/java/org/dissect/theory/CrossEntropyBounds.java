package org.dissect.theory;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.AllowedSolution;
import org.apache.commons.math3.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * Lower bounds on the cross-entropy loss of norm-bounded features (Theorem 1, Corollaries 1 and 2).
 *
 * <p>All bounds have the form {@code log(1 + (K-1)·exp(-t))}, evaluated as {@code log1p((K-1)·exp(-t))}
 * so that tiny bounds keep full relative precision.
 */
public final class CrossEntropyBounds {
    private CrossEntropyBounds() {
    }

    /**
     * Theorem 1: if {@code ‖z_n‖ ≤ ρ} and labels are balanced,
     * {@code L_CE(Z, W; Y) ≥ log(1 + (K-1)·exp(-ρ·sqrt(K)·‖W‖_F/(K-1)))}.
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param frobeniusNorm {@code ‖W‖_F}, finite and non-negative
     * @return the bound
     */
    public static double theorem1(int classes, double rho, double frobeniusNorm) {
        Checks.atLeast("classes K", classes, 2);
        Checks.positive("radius rho", rho);
        if (!(frobeniusNorm >= 0) || frobeniusNorm == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Frobenius norm must be finite and non-negative, got " + frobeniusNorm);
        }
        return logOnePlus(classes, rho * Math.sqrt(classes) * frobeniusNorm / (classes - 1));
    }

    /**
     * Corollary 1: if in addition {@code ‖w_y‖ ≤ r_W},
     * {@code L_CE ≥ log(1 + (K-1)·exp(-K·ρ·r_W/(K-1)))}.
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param rW weight-norm bound {@code r_W}, finite and positive
     * @return the bound
     */
    public static double corollary1(int classes, double rho, double rW) {
        Checks.atLeast("classes K", classes, 2);
        Checks.positive("radius rho", rho);
        Checks.positive("weight norm r_W", rW);
        return logOnePlus(classes, classes * rho * rW / (classes - 1));
    }

    /**
     * Corollary 2: for λ > 0, {@code L_CE + λ‖W‖_F² ≥ log(1 + (K-1)·exp(-K·ρ·r_W/(K-1))) + λ·K·r_W²}
     * with {@code r_W = r_W(ρ, λ)} from {@link #rW(int, double, double)}.
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param lambda penalty λ, finite and positive
     * @return the bound split into its cross-entropy and penalty parts, with {@code r_W}
     */
    public static PenalizedBound corollary2(int classes, double rho, double lambda) {
        double rW = rW(classes, rho, lambda);
        return new PenalizedBound(rW, corollary1(classes, rho, rW), lambda * classes * rW * rW);
    }

    /**
     * The weight norm {@code r_W(ρ, λ)} of Corollary 2: the unique positive root in x of
     * {@code 2λx = ρ / (exp(Kρx/(K-1)) + K - 1)}, the minimiser of the strictly convex
     * {@code log(1 + (K-1)e^{-Kρx/(K-1)}) + λKx²}.
     *
     * <p>{@code f(x) = 2λx - ρ/(exp(Kρx/(K-1)) + K - 1)} is increasing, {@code f(0) = -ρ/K < 0} and
     * {@code f(ρ/(2λK)) ≥ 0}, so the root is bracketed in {@code (0, ρ/(2λK)]}. It is found with
     * Commons Math's bracketing Brent solver (order 5) to the last representable digit
     * (relative accuracy one ulp, no function-value stopping).
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param lambda penalty λ, finite and positive
     * @return {@code r_W(ρ, λ)}
     * @throws IllegalArgumentException on bad arguments, or if {@code ρ/(2λK)} overflows
     */
    public static double rW(int classes, double rho, double lambda) {
        Checks.atLeast("classes K", classes, 2);
        Checks.positive("radius rho", rho);
        Checks.positive("lambda", lambda);
        double upper = rho / (2 * lambda * classes);
        if (!(upper < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("lambda=" + lambda + " is too small: the bracket rho/(2*lambda*K) overflows");
        }
        double a = classes * rho / (classes - 1);
        UnivariateFunction f = x -> 2 * lambda * x - rho / (Math.exp(a * x) + classes - 1);
        if (f.value(upper) == 0) {
            return upper;
        }
        BracketingNthOrderBrentSolver solver =
            new BracketingNthOrderBrentSolver(Math.ulp(1.0), Double.MIN_VALUE, 0.0, 5);
        return solver.solve(10_000, f, 0.0, upper, AllowedSolution.ANY_SIDE);
    }

    /** {@code log(1 + (K-1)·exp(-t))} for {@code t ≥ 0}. */
    private static double logOnePlus(int classes, double t) {
        return Math.log1p((classes - 1) * Math.exp(-t));
    }
}
