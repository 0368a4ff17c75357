package org.dissect.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does one {@code Math.log} cost on this machine? The floor of an enumeration that takes one log per
 * distinct index of a batch is (logs per second) / (distinct indices per batch). Operations: logs per second
 * over 1024 independent arguments (throughput, the logs can overlap), with a baseline that only adds the
 * arguments up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LogFloorBenchmark {
    private double[] x;

    @Setup
    public void setup() {
        x = new double[1024];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.01 + 8 * r.nextDouble();
        }
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public double baseline() {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public double log() {
        double s = 0;
        for (double v : x) {
            s += Math.log(v);
        }
        return s;
    }
}
