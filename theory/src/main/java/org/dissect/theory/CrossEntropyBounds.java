package org.dissect.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Lower bounds on the cross-entropy loss of norm-bounded features (Theorem 1, Corollaries 1 and 2).
 *
 * <p>All bounds have the form {@code log(1 + (K-1)·exp(-t))} with a margin {@code t ≥ 0}, evaluated as
 * {@code log1p((K-1)·exp(-t))} so that tiny bounds keep full relative precision. The margin is formed as
 * {@code (ρ·norm)·factor} with {@code factor ≤ 2}: if {@code ρ·norm} overflows, the true margin exceeds
 * {@code Double.MAX_VALUE} and the bound is 0 to every double digit; if it underflows, the bound is
 * {@code log K} to every digit. So no finite positive input gives NaN or infinity; tiny bounds
 * underflow gracefully to 0 (for margins above about 745 + log(K-1)).
 */
public final class CrossEntropyBounds {
    /** {@code log 2}, for logarithms of numbers given as mantissa and binary exponent. */
    private static final double LN2 = Math.log(2);

    private CrossEntropyBounds() {
    }

    /**
     * Theorem 1: if {@code ‖z_n‖ ≤ ρ} and labels are balanced,
     * {@code L_CE(Z, W; Y) ≥ log(1 + (K-1)·exp(-ρ·sqrt(K)·‖W‖_F/(K-1)))}.
     *
     * <p>Relative error a few ulps times {@code (1 + t)}, {@code t} the margin (the conditioning of
     * {@code exp(-t)}); 0 when the margin is too large for the bound to be represented.
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param frobeniusNorm {@code ‖W‖_F}, finite and non-negative
     * @return the bound, in {@code [0, log K]}
     */
    public static double theorem1(int classes, double rho, double frobeniusNorm) {
        Checks.atLeast("classes K", classes, 2);
        Checks.positive("radius rho", rho);
        if (!(frobeniusNorm >= 0) || frobeniusNorm == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Frobenius norm must be finite and non-negative, got " + frobeniusNorm);
        }
        return logOnePlus(classes, rho * frobeniusNorm * (Math.sqrt(classes) / (classes - 1)));
    }

    /**
     * Corollary 1: if in addition {@code ‖w_y‖ ≤ r_W},
     * {@code L_CE ≥ log(1 + (K-1)·exp(-K·ρ·r_W/(K-1)))}.
     *
     * <p>Accuracy and limits as for {@link #theorem1(int, double, double)}.
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param rW weight-norm bound {@code r_W}, finite and positive
     * @return the bound, in {@code [0, log K]}
     */
    public static double corollary1(int classes, double rho, double rW) {
        Checks.atLeast("classes K", classes, 2);
        Checks.positive("radius rho", rho);
        Checks.positive("weight norm r_W", rW);
        return logOnePlus(classes, rho * rW * ((double) classes / (classes - 1)));
    }

    /**
     * Corollary 2: for λ > 0, {@code L_CE + λ‖W‖_F² ≥ log(1 + (K-1)·exp(-K·ρ·r_W/(K-1))) + λ·K·r_W²}
     * with {@code r_W = r_W(ρ, λ)} from {@link #rW(int, double, double)}.
     *
     * <p>The bound is {@code G(r_W)} with {@code G(x) = log(1 + (K-1)e^{-Kρx/(K-1)}) + λKx²}; G is
     * stationary at the root, so the few ulps of r_W do not show in the total. The cross-entropy part is
     * {@link #corollary1(int, double, double)} at r_W; the penalty is formed from the mantissas and
     * binary exponents of λ and r_W, so it is rounded once (also where it is subnormal) and cannot
     * overflow: by the root equation {@code λKr_W² = (t/2)·(K-1)/(e^t + K - 1) ≤ t/2} with
     * {@code t = Kρr_W/(K-1) < 2200}. The total is never NaN or infinite; relative error a few ulps
     * (the cross-entropy part alone: a few ulps times {@code 1 + t}, the conditioning of exp(-t)).
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param lambda penalty λ, finite and positive
     * @return the bound split into its cross-entropy and penalty parts, with {@code r_W}
     * @throws IllegalArgumentException on bad arguments, or if {@code r_W} underflows to 0
     */
    public static PenalizedBound corollary2(int classes, double rho, double lambda) {
        double rW = rW(classes, rho, lambda);
        int lambdaExponent = Math.getExponent(lambda);
        int rWExponent = Math.getExponent(rW);
        double rWMantissa = Math.scalb(rW, -rWExponent);
        double penalty = Math.scalb(Math.scalb(lambda, -lambdaExponent) * classes * rWMantissa * rWMantissa,
            lambdaExponent + 2 * rWExponent);
        return new PenalizedBound(rW, corollary1(classes, rho, rW), penalty);
    }

    /**
     * The weight norm {@code r_W(ρ, λ)} of Corollary 2: the unique positive root in x of
     * {@code 2λx = ρ / (exp(Kρx/(K-1)) + K - 1)}, the minimiser of the strictly convex
     * {@code log(1 + (K-1)e^{-Kρx/(K-1)}) + λKx²}.
     *
     * <p>Method. With {@code t = Kρx/(K-1)} the equation reads {@code t·(e^t + K - 1) = c},
     * {@code c = Kρ²/(2λ(K-1))}; its left side increases from 0 to infinity, so the root is unique. ρ and λ
     * are split into mantissa and binary exponent ({@code Math.getExponent}; a subnormal keeps a mantissa
     * below 1, still exact), so that {@code w = c/K} is formed without intermediate
     * overflow or underflow. If {@code w ≤ 1} (then {@code t ≤ 1}), the unknown is
     * {@code s = x/x_0 = K/(e^t + K - 1) ∈ [1/2, 1]} with {@code x_0 = ρ/(2λK)}, the root of
     * {@code s·expm1(ws) = K(1 - s)}, and {@code x = x_0·s} (exponent added last, so a subnormal x is
     * rounded once). If {@code w > 1}, the unknown is {@code t ∈ [1/4, min(w, max(1, log c))]}, the root of
     * {@code e^t + K - 1 = c/t} while c is a finite double, else of {@code log t + t = log c} with
     * {@code log c} from mantissa and exponent (c > Double.MAX_VALUE forces {@code t > 700}, where
     * {@code log(e^t + K - 1) - t < 2^31·e^{-700} < 2^-975} is far below an ulp of t); then
     * {@code x = t·((K-1)/K)/ρ}. Each is solved by bisection of doubles down to adjacent doubles: every
     * function is monotone and continuous, so there is no jump for the solver to land on.
     *
     * <p>Accuracy. The root is well conditioned: {@code d log x / d log c = 1/(1 + q)} with
     * {@code q = t·e^t/(e^t + K - 1) ≥ 0}, so the few roundings in forming c (or {@code log c}, whose
     * absolute error of about {@code |log c|·2^-53} is divided by {@code t ≈ log c} when c overflows)
     * and in evaluating the monotone function move the root by at most a few ulps, and the final
     * scaling adds three roundings: at most about {@code 11·2^-53} in all. Stated: relative error below
     * {@code 12·2^-53} (6 ulps) for every finite
     * positive ρ and λ and every K in {@code [2, 2^31-1]}, tested against a 40-digit bisection of the
     * original equation over the whole double range (observed maximum {@code 2.4·2^-53}); a subnormal
     * result carries in addition an absolute error of at most {@code 2^-1075}.
     *
     * <p>Limits. {@code r_W} never overflows: {@code r_W ≤ sqrt((K-1)/(2λ))/K} when {@code w ≤ 1} and
     * {@code r_W ≤ t/ρ} with {@code ρ > 2^-537} when {@code w > 1}, both far below
     * {@code Double.MAX_VALUE}. It underflows to 0 when {@code ρ/(2λK)} is below about
     * {@code 2^-1075} (e.g. ρ tiny and λ huge); that is refused.
     *
     * @param classes K, at least 2
     * @param rho feature radius ρ, finite and positive
     * @param lambda penalty λ, finite and positive
     * @return {@code r_W(ρ, λ)}, positive
     * @throws IllegalArgumentException on bad arguments, or if {@code r_W} underflows to 0
     */
    public static double rW(int classes, double rho, double lambda) {
        Checks.atLeast("classes K", classes, 2);
        Checks.positive("radius rho", rho);
        Checks.positive("lambda", lambda);
        int rhoExponent = Math.getExponent(rho);
        int lambdaExponent = Math.getExponent(lambda);
        double rhoMantissa = Math.scalb(rho, -rhoExponent);
        double lambdaMantissa = Math.scalb(lambda, -lambdaExponent);
        double others = classes - 1.0;
        // w = c/K = rho^2/(2 lambda (K-1)) = wMantissa * 2^wExponent
        double wMantissa = rhoMantissa * rhoMantissa / (2 * lambdaMantissa * others);
        int wExponent = 2 * rhoExponent - lambdaExponent;
        double w = Math.scalb(wMantissa, wExponent);
        double x;
        if (w <= 1) {
            double s = bisect(v -> v * Math.expm1(w * v) - classes * (1 - v), 0.5, 1);
            x = Math.scalb(rhoMantissa / (2 * lambdaMantissa * classes) * s, rhoExponent - lambdaExponent);
        } else {
            double c = w * classes;
            double logC = Math.log(wMantissa * classes) + wExponent * LN2;
            DoubleUnaryOperator f = c < Double.POSITIVE_INFINITY
                ? v -> Math.exp(v) + others - c / v
                : v -> Math.log(v) + v - logC;
            double t = bisect(f, 0.25, Math.min(w, Math.max(1, logC)));
            x = t * (others / classes) / rho;
        }
        if (x == 0) {
            throw new IllegalArgumentException("r_W underflows to 0 (below 4.9e-324) for rho=" + rho + ", lambda="
                + lambda + ", K=" + classes + ": rho/(2*lambda*K) is too small to represent");
        }
        return x;
    }

    /**
     * Bisection of an increasing function with {@code f(lo) < 0 ≤ f(hi)}, until the bracket holds two
     * adjacent doubles.
     *
     * @return the upper end of the final bracket: the smallest double at which the computed f is ≥ 0
     */
    private static double bisect(DoubleUnaryOperator f, double lo, double hi) {
        double a = lo;
        double b = hi;
        for (double mid = a + (b - a) / 2; mid > a && mid < b; mid = a + (b - a) / 2) {
            if (f.applyAsDouble(mid) < 0) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return b;
    }

    /**
     * {@code log(1 + (K-1)·exp(-t))} for {@code t ≥ 0}; where {@code exp(-t)} would be subnormal (and
     * carry fewer bits) the product {@code (K-1)·exp(-t)} is formed as {@code exp(log(K-1) - t)} instead.
     */
    private static double logOnePlus(int classes, double t) {
        double e = Math.exp(-t);
        return Math.log1p(e >= Double.MIN_NORMAL ? (classes - 1) * e : Math.exp(Math.log(classes - 1) - t));
    }
}
