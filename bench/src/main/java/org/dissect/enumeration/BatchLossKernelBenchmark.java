package org.dissect.enumeration;

import java.util.concurrent.TimeUnit;
import org.dissect.bench.EnumerationSettings;
import org.dissect.theory.SupervisedContrastive;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast is the per-batch math, one thread? Batches per second of the incremental kernel
 * ({@link BatchLossKernel#walk} over {@value #BATCHES} consecutive ranks, loss only or with the gradient)
 * against the baseline: Definition 2 evaluated directly on each batch ({@link SupervisedContrastive#batchLoss},
 * {@code O(b²h)} with a log-sum-exp per anchor), walking the same batches by successor.
 *
 * <p>In the {@code org.dissect.enumeration} package (of the bench module) to reach the package-private kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BatchLossKernelBenchmark {
    static final int BATCHES = 65536;

    /** See {@link EnumerationSettings#problem}. */
    @Param({"fig6", "n30b8"})
    public String setting;

    private EnumerationProblem problem;
    private BatchLossKernel loss;
    private BatchLossKernel gradient;
    private double[][] z;
    private int[] labels;
    private int[] batch;
    private long from;

    @Setup
    public void setup() {
        problem = EnumerationSettings.problem(setting);
        loss = new BatchLossKernel(problem, false, null);
        gradient = new BatchLossKernel(problem, true, null);
        z = problem.points();
        labels = problem.labels();
        batch = problem.ranking().unrank(0);
        from = 0;
    }

    private long nextRange() {
        long start = from;
        from += BATCHES;
        if (from + BATCHES > problem.batchCount()) {
            from = 0;
        }
        return start;
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES)
    public double naive() {
        double s = 0;
        for (int i = 0; i < BATCHES; i++) {
            s += SupervisedContrastive.batchLoss(z, labels, batch);
            if (!problem.ranking().successor(batch)) {
                problem.ranking().unrank(0, batch);
            }
        }
        return s;
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES)
    public double kernel() {
        long start = nextRange();
        loss.walk(start, start + BATCHES);
        return loss.loss()[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCHES)
    public double kernelWithGradient() {
        long start = nextRange();
        gradient.walk(start, start + BATCHES);
        return gradient.loss()[0];
    }
}
