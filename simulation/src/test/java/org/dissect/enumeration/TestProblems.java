package org.dissect.enumeration;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.dissect.theory.RegularSimplex;

/** Problems for the engine tests: random labelled configurations and regular simplices. */
final class TestProblems {
    private TestProblems() {
    }

    /**
     * A random problem: K classes of random sizes 0..maxSize (unbalanced, possibly empty classes, at least
     * one point), Gaussian directions in R^h, and norms either all equal to {@code scale} (the Theorem 2 case)
     * or drawn uniformly from {@code [0.3, 1.7]·scale}; one point in five duplicates an earlier one (ties).
     *
     * @param classes K
     * @param maxSize largest class size
     * @param dim h
     * @param batch b
     * @param scale the typical norm
     * @param seed the random seed
     * @return the problem
     */
    static EnumerationProblem random(int classes, int maxSize, int dim, int batch, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = new int[classes];
        int n = 0;
        for (int y = 0; y < classes; y++) {
            sizes[y] = random.nextInt(maxSize + 1);
            n += sizes[y];
        }
        if (n == 0) {
            sizes[0] = 1;
            n = 1;
        }
        boolean commonNorm = random.nextBoolean();
        double[][] z = new double[n][dim];
        int[] labels = new int[n];
        int i = 0;
        for (int y = 0; y < classes; y++) {
            for (int c = 0; c < sizes[y]; c++, i++) {
                labels[i] = y;
                if (i > 0 && random.nextInt(5) == 0) {
                    z[i] = z[random.nextInt(i)].clone();
                    continue;
                }
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    z[i][d] = gaussian(random);
                    norm += z[i][d] * z[i][d];
                }
                norm = Math.sqrt(norm);
                double r = commonNorm ? scale : scale * (0.3 + 1.4 * random.nextDouble());
                for (int d = 0; d < dim; d++) {
                    z[i][d] = norm == 0 ? (d == 0 ? r : 0) : z[i][d] * r / norm;
                }
            }
        }
        return new EnumerationProblem(z, labels, classes, batch);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** @return random problems with at most 4000 batches */
    static Arbitrary<EnumerationProblem> arbitrary() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(2, 7),
                Arbitraries.doubles().between(0.2, 3.2),
                Arbitraries.longs())
            .as((k, size, h, b, scale, seed) -> new long[] {k, size, h, b, Double.doubleToLongBits(scale), seed})
            .filter(p -> org.dissect.theory.Multisets.count(p[0] * p[1], (int) p[3]).longValue() <= 4000)
            .map(p -> random((int) p[0], (int) p[1], (int) p[2], (int) p[3], Double.longBitsToDouble(p[4]), p[5]));
    }

    /**
     * Every class collapsed to one vertex of a ρ-sphere-inscribed regular simplex: the Theorem 2 minimiser.
     *
     * @param classes K
     * @param perClass n
     * @param dim h ≥ K-1
     * @param rho ρ
     * @param batch b
     * @return the problem
     */
    static EnumerationProblem simplex(int classes, int perClass, int dim, double rho, int batch) {
        double[][] zeta = RegularSimplex.regularSimplex(classes, dim, rho);
        double[][] z = new double[classes * perClass][];
        int[] labels = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            labels[i] = i % classes;
            z[i] = zeta[labels[i]].clone();
        }
        return new EnumerationProblem(z, labels, classes, batch);
    }

    /**
     * A tolerance scale for sums over all batches: {@code |𝔅|·b·(1 + max|G| + log b)}, a bound on the sum of
     * the magnitudes of the anchor terms the engines add up. Rounding differences between two correct
     * evaluations stay a small multiple of {@code ε} times it.
     *
     * @param p the problem
     * @return the scale
     */
    static double scale(EnumerationProblem p) {
        double max = 0;
        for (double g : p.gram()) {
            max = Math.max(max, Math.abs(g));
        }
        return p.batchCount() * (double) p.batch() * (1 + max + Math.log(p.batch()));
    }
}
