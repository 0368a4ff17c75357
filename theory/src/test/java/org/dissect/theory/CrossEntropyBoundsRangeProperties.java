package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpMath;
import org.junit.jupiter.api.Test;

/**
 * r_W and the cross-entropy bounds over the WHOLE double range (ρ and λ log-uniform from the smallest
 * subnormal 2^-1074 to 2^1024, K log-uniform in 2..10^9 and K = 2^31-1), against 40-digit {@link Dfp}
 * computations of the original formulas: the root of {@code 2λx = ρ/(exp(Kρx/(K-1)) + K - 1)} in x,
 * and {@code log(1 + (K-1)exp(-t))}.
 */
class CrossEntropyBoundsRangeProperties {
    /** The accuracy {@link CrossEntropyBounds#rW} states: 12 units of roundoff (6 ulps). */
    static final double RW_TOLERANCE = 12 * Reference.UNIT_ROUNDOFF;

    /** K log-uniform in 2..10^9 from its log10. */
    private static int classes(double log10K) {
        return (int) Math.max(2, Math.min(1_000_000_000, Math.round(Math.pow(10, log10K))));
    }

    /**
     * Certifies {@code |x - r_W| ≤ tol·x + 2^-1075} with two signs of the original equation in 40 digits:
     * f is increasing, so {@code f(x - δ) < 0 < f(x + δ)} puts the root inside {@code (x - δ, x + δ)}.
     * If rW refuses (IllegalArgumentException), the root must lie below the smallest subnormal
     * ({@code f(2^-1074) > 0}) and the message must name rho and lambda.
     */
    static void assertRWCertified(int k, double rho, double lambda) {
        double x;
        try {
            x = CrossEntropyBounds.rW(k, rho, lambda);
        } catch (IllegalArgumentException e) {
            assertTrue(Reference.rWEquation(k, rho, lambda, Reference.DFP.newDfp(Double.MIN_VALUE)).greaterThan(Reference.DFP.getZero()),
                "refused although r_W >= 2^-1074: K=" + k + " rho=" + rho + " lambda=" + lambda + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("rho=" + rho) && e.getMessage().contains("lambda=" + lambda), e.getMessage());
            return;
        }
        assertTrue(x > 0 && x < Double.POSITIVE_INFINITY, "r_W = " + x);
        Dfp dx = Reference.DFP.newDfp(x);
        Dfp delta = dx.multiply(Reference.DFP.newDfp(RW_TOLERANCE)).add(Reference.DFP.newDfp(Double.MIN_VALUE).divide(2));
        String where = "K=" + k + " rho=" + rho + " lambda=" + lambda + " r_W=" + x;
        assertTrue(Reference.rWEquation(k, rho, lambda, dx.subtract(delta)).lessThan(Reference.DFP.getZero()),
            "f(x(1 - tol)) < 0: r_W too large, " + where);
        assertTrue(Reference.rWEquation(k, rho, lambda, dx.add(delta)).greaterThan(Reference.DFP.getZero()),
            "f(x(1 + tol)) > 0: r_W too small, " + where);
    }

    @Property(tries = 400)
    void rWIsWithinSixUlpsOverTheWholeDoubleRange(@ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Rho,
                                                  @ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Lambda,
                                                  @ForAll @DoubleRange(min = 0.30103, max = 9) @Scale(6) double log10K) {
        assertRWCertified(classes(log10K), Math.pow(2, log2Rho), Math.pow(2, log2Lambda));
    }

    /** The edge K = 2^31 - 1 (where K - 1 and K differ by one part in 2^31) over the whole range. */
    @Property(tries = 150)
    void rWIsWithinSixUlpsAtTheLargestClassCount(@ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Rho,
                                                 @ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Lambda) {
        assertRWCertified(Integer.MAX_VALUE, Math.pow(2, log2Rho), Math.pow(2, log2Lambda));
    }

    /**
     * Where the root is representable, rW agrees with an independent 40-digit bisection of the original
     * equation (to 1e-37) within the stated 12 units of roundoff. ρ/λ is kept within 2^±900 so the root
     * stays a normal double.
     */
    @Property(tries = 25)
    void rWEqualsA40DigitBisectionOfTheOriginalEquation(@ForAll @DoubleRange(min = -1000, max = 1000) @Scale(4) double log2Rho,
                                                       @ForAll @DoubleRange(min = -900, max = 900) @Scale(4) double log2Ratio,
                                                       @ForAll @DoubleRange(min = 0.30103, max = 9) @Scale(6) double log10K) {
        double rho = Math.pow(2, log2Rho);
        double lambda = Math.pow(2, Math.max(-1074, Math.min(1023, log2Rho - log2Ratio)));
        int k = classes(log10K);
        Dfp reference = Reference.rWByBisection(k, rho, lambda);
        double x = CrossEntropyBounds.rW(k, rho, lambda);
        double relative = Reference.relativeError(reference, x);
        assertTrue(relative <= RW_TOLERANCE, "K=" + k + " rho=" + rho + " lambda=" + lambda + ": r_W=" + x + " vs "
            + reference + " (relative " + relative + ")");
    }

    /**
     * The case: K = 3, ρ = 10^200, λ = 1. The previous solver returned 4.7319e-198 (the jump of an
     * overflowing exp); the root is 6.0929e-198 (the 40-digit bisection gives 6.09285735114668022...e-198).
     */
    @Test
    void rWAtRho1e200IsTheTrueRootNotTheOverflowJump() {
        double x = CrossEntropyBounds.rW(3, 1e200, 1);
        assertEquals("6.0929e-198", String.format("%.4e", x));
        double relative = Reference.relativeError(Reference.rWByBisection(3, 1e200, 1), x);
        assertTrue(relative <= RW_TOLERANCE, "relative " + relative);
    }

    /**
     * Extremes that used to leak a Commons Math exception or be refused: ρ = 10^308 and ρ = MAX_VALUE, λ
     * down to the smallest subnormal (ρ/(2λK) overflows, the root does not), K = 2^31 - 1.
     */
    @Test
    void rWIsSolvedAtTheExtremesOfTheDoubleRange() {
        double[][] cases = {
            {3, 1e308, 1}, {3, Double.MAX_VALUE, 1}, {2, 1, Double.MIN_VALUE}, {Integer.MAX_VALUE, 1, Double.MIN_VALUE},
            {2, 1e300, 1e-300}, {Integer.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE}, {2, Double.MIN_VALUE, Double.MIN_VALUE},
            {Integer.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE}, {2, Double.MIN_NORMAL, Double.MIN_NORMAL},
        };
        for (double[] c : cases) {
            int k = (int) c[0];
            double x = CrossEntropyBounds.rW(k, c[1], c[2]);
            double relative = Reference.relativeError(Reference.rWByBisection(k, c[1], c[2]), x);
            assertTrue(relative <= RW_TOLERANCE, "K=" + k + " rho=" + c[1] + " lambda=" + c[2] + ": relative " + relative);
        }
    }

    /** A root below 2^-1075 cannot be represented: refused with rho and lambda named, never 0. */
    @Test
    void rWThatUnderflowsIsRefusedWithRhoAndLambdaNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CrossEntropyBounds.rW(3, Double.MIN_VALUE, Double.MAX_VALUE));
        assertTrue(e.getMessage().contains("rho=4.9E-324") && e.getMessage().contains("lambda=1.7976931348623157E308"),
            e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.corollary2(3, 1e-300, 1e300));
    }

    /** {@code log(1 + (K-1)e^{-t})} in 40 digits. */
    private static Dfp logOnePlus(int k, Dfp t) {
        return Reference.log1p(Reference.DFP.newDfp(k - 1L).multiply(DfpMath.exp(t.negate())));
    }

    private static void assertBound(Dfp expected, double actual, double relative, String what) {
        assertTrue(Double.isFinite(actual) && actual >= 0, what + " = " + actual);
        Dfp error = Reference.DFP.newDfp(actual).subtract(expected).abs();
        Dfp allowed = expected.multiply(Reference.DFP.newDfp(relative)).add(Reference.DFP.newDfp(Double.MIN_VALUE));
        assertTrue(!expected.isNaN() && !error.greaterThan(allowed), what + " = " + actual + " vs " + expected);
    }

    /**
     * Theorem 1 and Corollary 1 over the whole range of ρ and the norm (products that overflow or
     * underflow included): never NaN or infinite, and within {@code 8(1 + t)} units of roundoff of the
     * 40-digit value (t the margin: exp(-t) turns the margin's few roundings into a relative error t
     * times larger), or one subnormal ulp where the bound underflows.
     */
    @Property(tries = 300)
    void theorem1AndCorollary1AreFiniteAndAccurateOverTheWholeRange(
            @ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Rho,
            @ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Norm,
            @ForAll @DoubleRange(min = 0.30103, max = 9) @Scale(6) double log10K) {
        int k = classes(log10K);
        double rho = Math.pow(2, log2Rho);
        double norm = Math.pow(2, log2Norm);
        Dfp rn = Reference.DFP.newDfp(rho).multiply(Reference.DFP.newDfp(norm));
        Dfp t1 = rn.multiply(Reference.DFP.newDfp(k).sqrt()).divide(Reference.DFP.newDfp(k - 1L));
        Dfp t2 = rn.multiply(k).divide(Reference.DFP.newDfp(k - 1L));
        double cap = 1e6; // beyond a margin of 1e6 the bound is below 10^-400000: compare with 0
        assertBound(t1.toDouble() > cap ? Reference.DFP.getZero() : logOnePlus(k, t1), CrossEntropyBounds.theorem1(k, rho, norm),
            8 * (1 + Math.min(cap, t1.toDouble())) * Reference.UNIT_ROUNDOFF, "Theorem 1 (K=" + k + ", rho=" + rho + ", norm=" + norm + ")");
        assertBound(t2.toDouble() > cap ? Reference.DFP.getZero() : logOnePlus(k, t2), CrossEntropyBounds.corollary1(k, rho, norm),
            8 * (1 + Math.min(cap, t2.toDouble())) * Reference.UNIT_ROUNDOFF, "Corollary 1 (K=" + k + ", rho=" + rho + ", norm=" + norm + ")");
    }

    /**
     * Corollary 2 over the whole range: the bound is the value of
     * {@code G(x) = log(1 + (K-1)e^{-Kρx/(K-1)}) + λKx²} at the returned {@code x = r_W}, each part
     * computed here in 40 digits at that double x. The CE part as Theorem 1 above ({@code 8(1 + t)}
     * units of roundoff); the penalty is rounded three times from exact mantissas (4 units); the total
     * within 16 units plus one subnormal ulp: the CE error {@code ≈ 3u·t·y} (y = (K-1)e^{-t}) is at most
     * {@code 6u} of the total {@code ≈ y(1 + t/2)} when t is large. Never NaN or infinite.
     */
    @Property(tries = 200)
    void corollary2IsFiniteAndEqualsThePenalisedFunctionAtRW(
            @ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Rho,
            @ForAll @DoubleRange(min = -1074, max = 1023.99) @Scale(4) double log2Lambda,
            @ForAll @DoubleRange(min = 0.30103, max = 9) @Scale(6) double log10K) {
        int k = classes(log10K);
        double rho = Math.pow(2, log2Rho);
        double lambda = Math.pow(2, log2Lambda);
        PenalizedBound p;
        try {
            p = CrossEntropyBounds.corollary2(k, rho, lambda);
        } catch (IllegalArgumentException e) {
            assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.rW(k, rho, lambda));
            return;
        }
        assertEquals(CrossEntropyBounds.rW(k, rho, lambda), p.rW());
        Dfp x = Reference.DFP.newDfp(p.rW());
        Dfp t = Reference.DFP.newDfp(rho).multiply(k).divide(Reference.DFP.newDfp(k - 1L)).multiply(x);
        Dfp ce = t.toDouble() > 1e6 ? Reference.DFP.getZero() : logOnePlus(k, t);
        Dfp penalty = Reference.DFP.newDfp(lambda).multiply(k).multiply(x).multiply(x);
        String where = " (K=" + k + ", rho=" + rho + ", lambda=" + lambda + ", t=" + t + ")";
        assertBound(ce, p.ce(), 8 * (1 + t.toDouble()) * Reference.UNIT_ROUNDOFF, "CE part" + where);
        assertBound(penalty, p.penalty(), 4 * Reference.UNIT_ROUNDOFF, "penalty" + where);
        assertBound(ce.add(penalty), p.bound(), 16 * Reference.UNIT_ROUNDOFF, "bound" + where);
    }
}
