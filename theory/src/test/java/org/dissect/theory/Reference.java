package org.dissect.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;
import org.apache.commons.math3.dfp.DfpMath;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent reference computations shared by the tests. Nothing here calls the code under test:
 * counts come from enumeration or from factorials, logarithms of big integers from their bits,
 * random configurations from Commons RNG.
 */
final class Reference {
    /** Binary64 unit roundoff, {@code 2^-53}. */
    static final double UNIT_ROUNDOFF = 0x1.0p-53;

    /**
     * 40 significant decimal digits with Commons Math's {@link Dfp} (decimal exponent range about
     * ±130,000, so every double and every intermediate below is representable without overflow).
     */
    static final DfpField DFP = new DfpField(40);

    private Reference() {
    }

    /** A seeded generator: every random configuration in the suite is reproducible from its seed. */
    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** A standard normal draw. */
    static double gaussian(UniformRandomProvider rng) {
        return ZigguratSampler.NormalizedGaussian.of(rng).sample();
    }

    /** A draw from the log-uniform distribution on {@code [lo, hi]}. */
    static double logUniform(UniformRandomProvider rng, double lo, double hi) {
        return Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    /** Every multiset of {@code size} items out of {@code 0..items-1}, as a nondecreasing tuple. */
    static List<int[]> multisets(int items, int size) {
        List<int[]> out = new ArrayList<>();
        collectMultisets(new int[size], 0, 0, items, out);
        return out;
    }

    private static void collectMultisets(int[] tuple, int position, int smallest, int items, List<int[]> out) {
        if (position == tuple.length) {
            out.add(tuple.clone());
            return;
        }
        for (int v = smallest; v < items; v++) {
            tuple[position] = v;
            collectMultisets(tuple, position + 1, v, items, out);
        }
    }

    /** Every subset of {@code size} items out of {@code 0..items-1}, as an increasing tuple. */
    static List<int[]> subsets(int items, int size) {
        List<int[]> out = new ArrayList<>();
        collectSubsets(new int[size], 0, 0, items, out);
        return out;
    }

    private static void collectSubsets(int[] tuple, int position, int smallest, int items, List<int[]> out) {
        if (position == tuple.length) {
            out.add(tuple.clone());
            return;
        }
        for (int v = smallest; v < items; v++) {
            tuple[position] = v;
            collectSubsets(tuple, position + 1, v + 1, items, out);
        }
    }

    /** Every ordered tuple of {@code size} items out of {@code 0..items-1} ({@code items^size} of them). */
    static List<int[]> tuples(int items, int size) {
        List<int[]> out = new ArrayList<>();
        int[] t = new int[size];
        while (true) {
            out.add(t.clone());
            int p = size - 1;
            while (p >= 0 && t[p] == items - 1) {
                t[p--] = 0;
            }
            if (p < 0) {
                return out;
            }
            t[p]++;
        }
    }

    /** {@code k!} as a big integer. */
    static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= k; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    /**
     * {@code C(n, k)} as the falling factorial {@code n(n-1)…(n-k+1)} divided once by {@code k!}
     * (a different algorithm from the code under test, which divides at every step). 0 if k is
     * outside {@code 0..n}.
     */
    static BigInteger binomial(long n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger falling = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            falling = falling.multiply(BigInteger.valueOf(n - i));
        }
        return falling.divide(factorial(k));
    }

    /** Multisets of size k from m items, {@code C(m+k-1, k)}, from {@link #binomial}; 1 for k = 0. */
    static BigInteger multisetCount(long m, int k) {
        if (k == 0) {
            return BigInteger.ONE;
        }
        return binomial(m + k - 1, k);
    }

    /**
     * Natural logarithm of a positive big integer from its leading 62 bits: the truncation costs a
     * relative error below {@code 2^-61} in the argument, so the result is within an ulp or two of
     * {@code log x} however many digits x has.
     */
    static double log(BigInteger x) {
        if (x.signum() <= 0) {
            throw new IllegalArgumentException("log of " + x);
        }
        int shift = Math.max(0, x.bitLength() - 62);
        return Math.log(x.shiftRight(shift).doubleValue()) + shift * Math.log(2);
    }

    /** Labels {@code y_i = i mod K} for {@code N = K·n} points: balanced. */
    static int[] balancedLabels(int classes, int perClass) {
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /** Points drawn uniformly on the sphere of radius {@code radius} in {@code R^dim}. */
    static double[][] sphere(UniformRandomProvider rng, int count, int dim, double radius) {
        UnitSphereSampler sampler = UnitSphereSampler.of(rng, dim);
        double[][] z = new double[count][];
        for (int i = 0; i < count; i++) {
            z[i] = scale(sampler.sample(), radius);
        }
        return z;
    }

    /** Points drawn uniformly in the closed ball of radius {@code radius} in {@code R^dim}. */
    static double[][] ball(UniformRandomProvider rng, int count, int dim, double radius) {
        double[][] z = sphere(rng, count, dim, radius);
        for (double[] row : z) {
            double r = Math.pow(rng.nextDouble(), 1.0 / dim);
            for (int k = 0; k < dim; k++) {
                row[k] *= r;
            }
        }
        return z;
    }

    /** {@code s·v} as a new vector. */
    static double[] scale(double[] v, double s) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = s * v[k];
        }
        return out;
    }

    /** Euclidean norm, written out here so that no helper of the code under test is involved. */
    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Inner product, written out here. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /**
     * A regular simplex built here, independently of {@link RegularSimplex}: the centred basis
     * vectors {@code e_i - (1/K)·1} of {@code R^K}, rescaled to norm ρ, then embedded in {@code R^h}
     * by an orthonormal basis of the sum-zero subspace found by Gram-Schmidt. Only used for
     * {@code h >= K-1}.
     */
    static double[][] simplexByGramSchmidt(int classes, int dim, double rho) {
        // Orthonormal basis of {x in R^K : sum x = 0} from the vectors e_j - e_{j+1}.
        double[][] basis = new double[classes - 1][];
        for (int j = 0; j < classes - 1; j++) {
            double[] v = new double[classes];
            v[j] = 1;
            v[j + 1] = -1;
            for (int i = 0; i < j; i++) {
                double c = dot(v, basis[i]);
                for (int k = 0; k < classes; k++) {
                    v[k] -= c * basis[i][k];
                }
            }
            basis[j] = scale(v, 1 / norm(v));
        }
        double[][] zeta = new double[classes][dim];
        for (int i = 0; i < classes; i++) {
            double[] centred = new double[classes];
            for (int k = 0; k < classes; k++) {
                centred[k] = (k == i ? 1.0 : 0.0) - 1.0 / classes;
            }
            double s = rho / norm(centred);
            for (int j = 0; j < classes - 1; j++) {
                zeta[i][j] = s * dot(centred, basis[j]);
            }
        }
        return zeta;
    }

    /** Every point placed at its class vertex (condition (C1) of the paper). */
    static double[][] collapsed(double[][] zeta, int[] labels) {
        double[][] z = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            z[i] = zeta[labels[i]].clone();
        }
        return z;
    }

    /** Asserts {@code |actual - expected| <= tolerance}, with both numbers in the message. */
    static void assertWithin(double expected, double actual, double tolerance, String what) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError(what + ": expected " + expected + " but got " + actual
                + " (difference " + (actual - expected) + ", tolerance " + tolerance + ")");
        }
    }

    /** Asserts {@code |actual - expected| <= relative·|expected|}. */
    static void assertRelative(double expected, double actual, double relative, String what) {
        assertWithin(expected, actual, relative * Math.abs(expected), what);
    }

    /**
     * The sign of Corollary 2's defining function on the ORIGINAL variable x,
     * {@code f(x) = 2λx - ρ/(exp(Kρx/(K-1)) + K - 1)} (increasing in x, THEORY.md), decided in 40 digits
     * through the equivalent comparison {@code log(2λx) + log(exp(ax) + K - 1)} vs {@code log ρ},
     * {@code a = Kρ/(K-1)}, so that {@code exp(ax)} is never formed for huge ax: there
     * {@code log(exp(ax) + K - 1) = ax + log(1 + (K-1)e^{-ax})} and for {@code ax > 10^4} the second term
     * is below {@code 2^31·e^{-10^4} < 10^-4000}, far below 40 digits, and is dropped.
     *
     * @return {@code log(2λx(exp(ax) + K - 1)/ρ)}: negative iff {@code f(x) < 0}
     */
    static Dfp rWEquation(int k, double rho, double lambda, Dfp x) {
        Dfp r = DFP.newDfp(rho);
        Dfp m = DFP.newDfp(k - 1L);
        Dfp ax = r.multiply(k).divide(m).multiply(x);
        Dfp logSum = ax.greaterThan(DFP.newDfp(10_000)) ? ax
            : DfpMath.log(DfpMath.exp(ax).add(m));
        return DfpMath.log(DFP.newDfp(lambda).multiply(2).multiply(x)).add(logSum).subtract(DfpMath.log(r));
    }

    /**
     * r_W by bisection of {@link #rWEquation} on THEORY.md's bracket {@code (0, ρ/(2λK)]}: first the
     * power of two j with the sign change in {@code [x_0 2^-j, x_0 2^(1-j)]} (galloping, then bisection
     * on j), then 140 bisection steps (relative width {@code 2^-140 ≈ 7e-43}). The 40-digit evaluation
     * decides every sign correctly except within about 1e-38 relative of the root, so the result is
     * within 1e-37 relative of r_W.
     */
    static Dfp rWByBisection(int k, double rho, double lambda) {
        Dfp x0 = DFP.newDfp(rho).divide(DFP.newDfp(lambda).multiply(2).multiply(k));
        int j = 1;
        while (!rWEquation(k, rho, lambda, scale2(x0, -j)).lessThan(DFP.getZero())) {
            j *= 2;
        }
        int lowJ = j / 2; // f(x0 2^-lowJ) >= 0 (f(x0) >= 0 by the bracket)
        int highJ = j; // f(x0 2^-highJ) < 0
        while (highJ - lowJ > 1) {
            int mid = (lowJ + highJ) / 2;
            if (rWEquation(k, rho, lambda, scale2(x0, -mid)).lessThan(DFP.getZero())) {
                highJ = mid;
            } else {
                lowJ = mid;
            }
        }
        Dfp lo = scale2(x0, -highJ);
        Dfp hi = scale2(x0, -lowJ);
        for (int i = 0; i < 140; i++) {
            Dfp mid = lo.add(hi).divide(2);
            if (rWEquation(k, rho, lambda, mid).lessThan(DFP.getZero())) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo.add(hi).divide(2);
    }

    /**
     * {@code log(1 + y)} for {@code y ≥ 0} to 40 digits RELATIVE to the result: for {@code y < 10^-5} the
     * alternating series {@code Σ_{i≥1} (-1)^{i+1} y^i/i} until the terms fall below {@code 10^-45}
     * of y (at most 10 terms); else {@code log(1 + y)}, where 1 + y keeps at least 35 digits of y.
     * (DfpMath.log(1 + y) alone would keep only 40 - log10(1/y) digits of a tiny result.)
     */
    static Dfp log1p(Dfp y) {
        if (y.greaterThan(DFP.newDfp(1e-5))) {
            return DfpMath.log(DFP.getOne().add(y));
        }
        Dfp sum = DFP.getZero();
        Dfp power = y;
        Dfp stop = y.multiply(DFP.newDfp(1e-45));
        for (int i = 1; power.greaterThan(stop); i++) {
            Dfp term = power.divide(i);
            sum = i % 2 == 1 ? sum.add(term) : sum.subtract(term);
            power = power.multiply(y);
        }
        return sum;
    }

    /** {@code x·2^j} in Dfp. */
    static Dfp scale2(Dfp x, int j) {
        Dfp p = DfpMath.pow(DFP.getTwo(), Math.abs(j));
        return j >= 0 ? x.multiply(p) : x.divide(p);
    }

    /** {@code |actual - expected| / expected} in 40 digits, as a double (expected positive). */
    static double relativeError(Dfp expected, double actual) {
        return DFP.newDfp(actual).subtract(expected).abs().divide(expected).toDouble();
    }
}
