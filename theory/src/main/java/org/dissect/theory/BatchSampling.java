package org.dissect.theory;

import org.apache.commons.numbers.combinatorics.LogBinomialCoefficient;

/**
 * How a training loop draws the {@code bsz} instances of a batch from a balanced data set of N
 * instances in K classes, and the resulting distribution of one class's count {@code c} in the batch.
 * All probabilities are computed in log space from log-binomials, so N in the millions is fine.
 */
public enum BatchSampling {
    /**
     * Uniform over multisets (Definition 2 of the paper):
     * {@code P(c) = C(n+c-1, c)·C(N-n+bsz-c-1, bsz-c) / C(N+bsz-1, bsz)}.
     */
    MULTISET {
        @Override
        double logProbability(int size, int perClass, int batch, int c) {
            return Multisets.logCount(perClass, c) + Multisets.logCount(size - perClass, batch - c)
                - Multisets.logCount(size, batch);
        }
    },
    /** Independent draws with replacement: {@code c ~ Binomial(bsz, 1/K)}. */
    WITH_REPLACEMENT {
        @Override
        double logProbability(int size, int perClass, int batch, int c) {
            double p = (double) perClass / size;
            return LogBinomialCoefficient.value(batch, c) + c * Math.log(p) + (batch - c) * Math.log1p(-p);
        }
    },
    /** A shuffled data loader, without replacement: {@code c ~ Hypergeometric(N, n, bsz)}. */
    WITHOUT_REPLACEMENT {
        @Override
        double logProbability(int size, int perClass, int batch, int c) {
            if (c > perClass || batch - c > size - perClass) {
                return Double.NEGATIVE_INFINITY;
            }
            return LogBinomialCoefficient.value(perClass, c) + LogBinomialCoefficient.value(size - perClass, batch - c)
                - LogBinomialCoefficient.value(size, batch);
        }
    };

    abstract double logProbability(int size, int perClass, int batch, int c);

    /**
     * The distribution of one class's count in a batch.
     *
     * @param classes K, at least 2
     * @param size N, a positive multiple of K
     * @param batch bsz, at least 1 (at most N without replacement)
     * @return {@code p[c] = P(one class holds c of the bsz instances)}, {@code c = 0..bsz}
     * @throws IllegalArgumentException on bad arguments, or if the {@code 8(bsz+1)} bytes cannot be allocated
     */
    public double[] classCountDistribution(int classes, int size, int batch) {
        Checks.atLeast("classes K", classes, 2);
        Checks.atLeast("dataset size N", size, classes);
        Checks.atLeast("batch size", batch, 1);
        if (size % classes != 0) {
            throw new IllegalArgumentException("dataset size N=" + size + " is not divisible by K=" + classes
                + ": the floor needs balanced classes");
        }
        if (this == WITHOUT_REPLACEMENT && batch > size) {
            throw new IllegalArgumentException("batch size " + batch + " exceeds the dataset size " + size
                + " (sampling without replacement)");
        }
        long length = batch + 1L;
        Checks.allocatable("class-count distribution for batch size " + batch, length, 8.0 * length);
        int perClass = size / classes;
        double[] p = new double[(int) length];
        for (int c = 0; c <= batch; c++) {
            p[c] = Math.exp(logProbability(size, perClass, batch, c));
        }
        return p;
    }
}
