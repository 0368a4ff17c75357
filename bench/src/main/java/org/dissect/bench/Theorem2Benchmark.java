package org.dissect.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.dissect.theory.SupervisedContrastiveBound;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does the Theorem 2 bound take at CIFAR scale (K classes, N = 50,000, b = 256, ρ² = 10)?
 * The baseline is the exact batch count alone (one 700-digit binomial).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class Theorem2Benchmark {
    @Param({"10", "100"})
    int classes;

    @Param({"256"})
    int batch;

    SupervisedContrastiveBound bound;

    @Setup
    public void setUp() {
        bound = new SupervisedContrastiveBound(classes, 50_000 / classes, batch, 10.0);
    }

    /** Baseline: the exact {@code |𝔅| = C(N+b-1, b)}. */
    @Benchmark
    public BigInteger batchCountExact() {
        return bound.batchCount();
    }

    /** The mean bound in log space (log-gamma), the number users ask for. */
    @Benchmark
    public double meanBoundLogSpace() {
        return bound.meanBound();
    }

    /** The exact total bound over 700-digit counts. */
    @Benchmark
    public BigDecimal totalBoundExact() {
        return bound.totalBound();
    }
}
