package org.dissect.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import java.util.concurrent.TimeUnit;
import org.dissect.blas.OffHeap;
import org.dissect.blas.OpenBlas;
import org.dissect.descent.CeGradient;
import org.dissect.descent.CrossEntropyObjective;
import org.dissect.descent.Descent;
import org.dissect.descent.Engines;
import org.dissect.descent.MultisetSampler;
import org.dissect.descent.Points;
import org.dissect.descent.RowParallel;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScSimulation;
import org.dissect.descent.StepListener;
import org.dissect.engine.Engine;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many descent steps per second does each engine sustain, and how close is that to the step's matrix products
 * alone? {@link #step} is one whole step: for the SC shapes one Riemannian SGD step
 * ({@link ScSimulation#sgdStep}: a uniformly drawn multiset batch gathered, its Gram matrix, softmax and
 * {@code (C + Cᵀ) X}, the tangent projection, the update and the sphere projection); for {@code cifar-ce} one
 * evaluation of the cross-entropy and both gradients (a monotone-descent step makes one or a few). {@link #dgemmBaseline}
 * runs only that step's {@code dgemm} calls in OpenBLAS on off-heap buffers at the same thread count: the floor.
 * {@link #ceDescentStep} ({@code cifar-ce} only) is one whole accepted step of the monotone descent ({@link Descent} on
 * the {@link CrossEntropyObjective} with λ = 0.005: the Barzilai-Borwein trial, the ball projection, the Armijo test
 * with its evaluations and backtracking, the next direction), the first {@value #DESCENT_STEPS} from the same start in
 * every call (first trial step 0.1, {@code simulate ce}'s default; this λ reaches a stationary point within a hundred
 * steps, after which no step is left to measure).
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>shape</th><th>step</th><th>multiply-adds of the products</th></tr>
 *   <tr><td>{@code fig1}</td><td>SC, the one batch of all 300 points in 2-D (Fig. 1)</td><td>{@code 2·300²·2}</td></tr>
 *   <tr><td>{@code cifar}</td><td>SC, b = 256 of N = 50,000 in h = 512, ρ² = 10</td><td>{@code 2·256²·512}</td></tr>
 *   <tr><td>{@code cifar-wide}</td><td>SC, b = 1024 of N = 50,000 in h = 128</td><td>{@code 2·1024²·128}</td></tr>
 *   <tr><td>{@code cifar-ce}</td><td>CE, N = 5,000, h = 512, K = 10</td><td>{@code 3·5000·512·10}</td></tr>
 * </table>
 * The engine's report is checked in the set-up: a benchmark never measures a fallback under another name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DescentStepBenchmark {
    /** Accepted descent steps per {@link #ceDescentStep} call (one more evaluation, at the start, per call). */
    static final int DESCENT_STEPS = 10;

    @Param({"java", "blas", "opencl"})
    String engine;

    @Param({"fig1", "cifar", "cifar-wide", "cifar-ce"})
    String shape;

    @Param({"1", "2"})
    int threads;

    Shape s;
    ScBatchGradient sc;
    CeGradient ce;
    MultisetSampler sampler;
    RowParallel rows;
    double[] z;
    double[] w;
    double[] g;
    double[] gw;
    int[] labels;
    int[] batch;
    CrossEntropyObjective descentObjective;
    double[] descentStart;
    double[] descentX;

    /** The dimensions of a shape. */
    record Shape(int points, int batch, int dim, int classes, double rho2, boolean crossEntropy) {
        static Shape of(String name) {
            return switch (name) {
                case "fig1" -> new Shape(300, 300, 2, 3, 5, false);
                case "cifar" -> new Shape(50_000, 256, 512, 10, 10, false);
                case "cifar-wide" -> new Shape(50_000, 1024, 128, 10, 10, false);
                case "cifar-ce" -> new Shape(5_000, 5_000, 512, 10, 1, true);
                default -> throw new IllegalArgumentException("unknown shape " + name);
            };
        }
    }

    @Setup
    public void setUp() {
        s = Shape.of(shape);
        Engine choice = Engine.valueOf(engine.toUpperCase(java.util.Locale.ROOT));
        labels = ScSimulation.balancedLabels(s.classes(), s.points() / s.classes());
        if (s.crossEntropy()) {
            z = Points.uniformInBall(s.points(), s.dim(), 1.0, ScSimulation.stream(2));
            w = Points.uniformInBall(s.classes(), s.dim(), 2.0, ScSimulation.stream(3));
            g = new double[z.length];
            gw = new double[w.length];
            ce = Engines.crossEntropy(choice, threads, s.points(), s.classes(), s.dim());
            ce.lossAndGradient(z, w, labels, s.classes(), s.dim(), g, gw);
            check(ce.engine());
            descentObjective = new CrossEntropyObjective(s.classes(), s.dim(), labels, Math.sqrt(s.rho2()), 0.005, null, ce);
            descentStart = descentObjective.variables(w, z);
            descentX = descentStart.clone();
        } else {
            z = Points.uniformOnSphere(s.points(), s.dim(), Math.sqrt(s.rho2()), ScSimulation.stream(1));
            batch = new int[s.batch()];
            sampler = new MultisetSampler(s.points(), s.batch(), ScSimulation.stream(4));
            g = new double[s.batch() * s.dim()];
            sc = Engines.scBatch(choice, threads, s.batch(), s.dim());
            rows = new RowParallel(threads);
            step();
            check(sc.engine());
        }
    }

    private void check(org.dissect.engine.RanOn ran) {
        if (!ran.kind().label().equals(engine) || ran.fallback() != null) {
            throw new IllegalStateException("asked for " + engine + ", ran on " + ran);
        }
    }

    @TearDown
    public void tearDown() {
        if (sc != null) {
            sc.close();
            rows.close();
        }
        if (ce != null) {
            descentObjective.close();
            ce.close();
        }
    }

    /** @return one whole step's loss (see the class comment) */
    @Benchmark
    public double step() {
        if (ce != null) {
            return ce.lossAndGradient(z, w, labels, s.classes(), s.dim(), g, gw);
        }
        if (s.batch() == s.points()) {
            for (int p = 0; p < batch.length; p++) {
                batch[p] = p;
            }
        } else {
            sampler.next(batch);
        }
        return ScSimulation.sgdStep(z, s.dim(), s.rho2(), labels, batch, sc, g, 0.1, rows);
    }

    /**
     * @return the objective after {@value #DESCENT_STEPS} accepted steps of the CE descent (see the class comment)
     * @throws IllegalStateException for an SC shape, or if the descent stopped early (the count would be wrong)
     */
    @Benchmark
    @OperationsPerInvocation(DESCENT_STEPS)
    public double ceDescentStep() {
        if (descentObjective == null) {
            throw new IllegalStateException("ceDescentStep needs a CE shape (-p shape=cifar-ce), got " + shape);
        }
        System.arraycopy(descentStart, 0, descentX, 0, descentX.length);
        Descent.Outcome o = new Descent(DESCENT_STEPS, 0.1, 0).minimise(descentObjective, descentX, StepListener.NONE);
        if (o.steps() != DESCENT_STEPS) {
            throw new IllegalStateException("the descent stopped after " + o.steps() + " steps: " + o.reason());
        }
        return o.value();
    }

    /** The step's {@code dgemm} calls alone, in OpenBLAS on off-heap buffers, at the same shape and thread count. */
    @State(Scope.Benchmark)
    public static class Products {
        @Param({"fig1", "cifar", "cifar-wide", "cifar-ce"})
        String shape;

        @Param({"1", "2"})
        int threads;

        Shape s;
        final OffHeap a = new OffHeap();
        final OffHeap b = new OffHeap();
        final OffHeap c = new OffHeap();
        final OffHeap d = new OffHeap();
        final OffHeap e = new OffHeap();

        @Setup
        public void setUp() {
            s = Shape.of(shape);
            OpenBlas.useThreads(threads);
            int m = s.batch();
            int h = s.dim();
            int k = s.classes();
            fill(a.buffer(m * h));
            fill(b.buffer(s.crossEntropy() ? k * h : m * m));
            fill(c.buffer(s.crossEntropy() ? m * k : m * m));
            fill(d.buffer(m * h));
            fill(e.buffer(s.classes() * h));
        }

        private static void fill(java.nio.DoubleBuffer buffer) {
            for (int i = 0; i < buffer.capacity(); i++) {
                buffer.put(i, Math.sin(i));
            }
        }

        @TearDown
        public void tearDown() {
            a.close();
            b.close();
            c.close();
            d.close();
            e.close();
        }
    }

    /**
     * @param p the buffers
     * @return a sink value
     */
    @Benchmark
    public double dgemmBaseline(Products p) {
        Shape s = p.s;
        int m = s.batch();
        int h = s.dim();
        if (s.crossEntropy()) {
            int k = s.classes();
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, k, h, 1.0, p.a.pointer(), h, p.b.pointer(), h, 0.0,
                p.c.pointer(), k);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, h, k, 1.0, p.c.pointer(), k, p.b.pointer(), h, 0.0,
                p.d.pointer(), h);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, k, h, m, 1.0, p.c.pointer(), k, p.a.pointer(), h, 0.0,
                p.e.pointer(), h);
        } else {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, m, h, 1.0, p.a.pointer(), h, p.a.pointer(), h, 0.0,
                p.c.pointer(), m);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, h, m, 1.0, p.c.pointer(), m, p.a.pointer(), h, 0.0,
                p.d.pointer(), h);
        }
        return p.d.buffer(m * h).get(0);
    }
}
