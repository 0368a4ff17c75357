package org.dissect.bench;

import java.util.concurrent.TimeUnit;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;
import org.dissect.enumeration.JavaEnumeration;
import org.dissect.enumeration.NaiveEnumeration;
import org.dissect.enumeration.OpenClEnumeration;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many batches per second does a whole exact enumeration run, per engine and thread count? Whole
 * calls of {@link Enumeration#enumerate} (setup, lanes, reduction included; the OpenCL kernel is compiled
 * during warm-up). The {@code batches} counter is the throughput in batches per second; the primary
 * score counts calls. Baseline: the naive reference ({@code engine=naive}, Fig. 6 setting only: it needs
 * minutes for the larger one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class EnumerationBenchmark {
    /** {@code fig6}: N=12, K=3, b=9 (167,960 batches); {@code n30b8}: N=30, K=3, b=8 (38,608,020). */
    @Param({"fig6", "n30b8"})
    public String setting;

    /** {@code java-T} (T threads), {@code opencl} (Aparapi on the first OpenCL device), {@code naive}. */
    @Param({"java-1", "java-2", "opencl", "naive"})
    public String engine;

    /** {@code loss} alone, or {@code gradient} (loss and dL/dZ, what exact gradient descent asks for). */
    @Param({"loss", "gradient"})
    public String request;

    private EnumerationProblem problem;
    private Enumeration enumeration;
    private EnumerationRequest what;

    /** Batches enumerated, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Batches {
        public long batches;
    }

    @Setup(Level.Trial)
    public void setup() {
        if (engine.equals("naive") && !setting.equals("fig6")) {
            throw new IllegalStateException("naive is only measured on fig6 (skip this combination)");
        }
        problem = EnumerationSettings.problem(setting);
        enumeration = switch (engine) {
            case "opencl" -> new OpenClEnumeration(Runtime.getRuntime().availableProcessors());
            case "naive" -> new NaiveEnumeration();
            default -> new JavaEnumeration(Integer.parseInt(engine.substring("java-".length())));
        };
        what = request.equals("gradient") ? EnumerationRequest.lossAndGradient() : EnumerationRequest.loss();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        enumeration.close();
    }

    @Benchmark
    public double enumerate(Batches counter) {
        EnumerationResult r = enumeration.enumerate(problem, what);
        if (r.engine().kind() != enumeration.engine().kind() || r.engine().fallback() != null) {
            throw new IllegalStateException("ran on " + r.engine());
        }
        counter.batches += r.batchCount();
        return r.totalLoss();
    }
}
