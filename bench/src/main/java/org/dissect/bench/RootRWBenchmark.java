package org.dissect.bench;

import java.util.concurrent.TimeUnit;
import org.dissect.theory.CrossEntropyBounds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does solving {@code r_W(ρ, λ)} (Corollary 2) to full precision take? The baseline is one
 * evaluation of the bound given {@code r_W} (Corollary 1): the root costs a few dozen such evaluations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class RootRWBenchmark {
    @Param({"3", "100"})
    int classes;

    @Param({"1e-4", "0.01", "1"})
    double lambda;

    double rho = 1.0;

    /** Baseline: Corollary 1 at a given {@code r_W}. */
    @Benchmark
    public double corollary1Baseline() {
        return CrossEntropyBounds.corollary1(classes, rho, 2.0);
    }

    /** The root {@code r_W(ρ, λ)}. */
    @Benchmark
    public double rW() {
        return CrossEntropyBounds.rW(classes, rho, lambda);
    }
}
