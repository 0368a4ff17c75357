package org.dissect.theory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class CrossEntropyBoundsTest {

    /**
     * r_W(ρ=1, λ=0.01, K=3) ≈ 2.06657: the value a later issue relies on (the Fig. 4 sweep at ρ = 1).
     * Checked to 5e-6, and independently: the test's f changes sign across [2.06656, 2.06658].
     */
    @Test
    void rWAtRhoOneLambdaOneHundredthThreeClassesIs2point06657() {
        double x = CrossEntropyBounds.rW(3, 1.0, 0.01);
        Reference.assertWithin(2.06657, x, 5e-6, "r_W(1, 0.01, K=3)");
        assertTrue(2 * 0.01 * 2.06656 - 1 / (Math.exp(1.5 * 2.06656) + 2) < 0, "f(2.06656) < 0");
        assertTrue(2 * 0.01 * 2.06658 - 1 / (Math.exp(1.5 * 2.06658) + 2) > 0, "f(2.06658) > 0");
    }

    /**
     * At W = 0 every logit is 0, so any Z has CE = log K, and Theorem 1's bound at ‖W‖_F = 0 is
     * {@code log(1 + (K-1)) = log K}: attained without any simplex. Tolerance 2 ulps of log K.
     */
    @Test
    void theorem1AtZeroWeightsIsLogKAndEqualsTheCrossEntropyOfAnyPoints() {
        UniformRandomProvider rng = Reference.rng(7);
        for (int k = 2; k <= 200; k++) {
            double bound = CrossEntropyBounds.theorem1(k, Reference.logUniform(rng, 1e-3, 1e3), 0.0);
            Reference.assertWithin(Math.log(k), bound, 2 * Math.ulp(Math.log(k)), "log K at K=" + k);
            if (k <= 10) {
                double[][] z = Reference.ball(rng, 2 * k, 3, 1.0);
                double ce = CrossEntropy.loss(z, new double[k][3], Reference.balancedLabels(k, 2));
                Reference.assertWithin(ce, bound, 2 * Math.ulp(Math.log(k)), "CE at W = 0, K=" + k);
            }
        }
    }

    /** As ‖W‖_F or r_W grow the bounds fall towards 0 but stay positive (log1p keeps them representable). */
    @Test
    void boundsAreDecreasingAndStayPositiveForLargeNorms() {
        double previous1 = Double.POSITIVE_INFINITY;
        double previous2 = Double.POSITIVE_INFINITY;
        for (double norm = 1e-3; norm < 300; norm *= 1.5) {
            double b1 = CrossEntropyBounds.theorem1(5, 1.0, norm);
            double b2 = CrossEntropyBounds.corollary1(5, 1.0, norm);
            assertTrue(b1 < previous1 && b1 > 0, "Theorem 1 at " + norm + ": " + b1);
            assertTrue(b2 < previous2 && b2 > 0, "Corollary 1 at " + norm + ": " + b2);
            previous1 = b1;
            previous2 = b2;
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheParameterNamed() {
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.theorem1(1, 1.0, 1.0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.theorem1(3, 1.0, -1.0))
            .getMessage().contains("Frobenius"));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.theorem1(3, 1.0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.theorem1(3, 1.0, Double.POSITIVE_INFINITY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.theorem1(3, 0.0, 1.0))
            .getMessage().contains("rho"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.corollary1(3, 1.0, 0.0))
            .getMessage().contains("r_W"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.rW(3, 1.0, -0.5))
            .getMessage().contains("lambda"));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.rW(1, 1.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.rW(2, Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.rW(2, 1.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyBounds.corollary2(3, 1.0, 0.0));
    }
}
