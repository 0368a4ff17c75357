package org.dissect.bench;

import java.util.concurrent.TimeUnit;
import org.dissect.descent.CeGradient;
import org.dissect.descent.JavaCeGradient;
import org.dissect.descent.JavaScBatchGradient;
import org.dissect.descent.OpenClCeGradient;
import org.dissect.descent.OpenClScBatchGradient;
import org.dissect.descent.Points;
import org.dissect.descent.ScBatchGradient;
import org.dissect.descent.ScSimulation;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many descent steps per second does each engine sustain? One step's heavy part is one loss-and-gradient
 * evaluation: for SC a batch's Gram matrix, softmax and {@code (C + Cᵀ) X}; for CE the logits, softmax and both
 * gradients. Shapes: {@code fig1} = one batch of all 300 points in 2-D (Fig. 1 top) / the 300-point CE toy
 * problem; {@code cifar} = a sampled batch of 256 in 512-D of a CIFAR-scale ideal encoder / CE over 5,000
 * points in 512-D with 10 classes. Results are in steps (evaluations) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DescentStepBenchmark {
    @Param({"java", "opencl"})
    String engine;

    @Param({"fig1", "cifar"})
    String shape;

    ScBatchGradient sc;
    CeGradient ce;
    double[] z;
    double[] w;
    double[] scGrad;
    double[] ceGz;
    double[] ceGw;
    int[] labels;
    int[] batch;
    int[] ceLabels;
    double[] cePoints;
    int dim;
    int classes;

    @Setup
    public void setUp() {
        boolean cifar = shape.equals("cifar");
        dim = cifar ? 512 : 2;
        classes = cifar ? 10 : 3;
        int points = cifar ? 50_000 : 300;
        int b = cifar ? 256 : 300;
        z = Points.uniformOnSphere(points, dim, Math.sqrt(cifar ? 10 : 5), ScSimulation.stream(1));
        labels = ScSimulation.balancedLabels(classes, points / classes);
        batch = new int[b];
        for (int p = 0; p < b; p++) {
            batch[p] = cifar ? (p * 197) % points : p;
        }
        scGrad = new double[b * dim];
        int cePointCount = cifar ? 5_000 : 300;
        cePoints = Points.uniformInBall(cePointCount, dim, 1.0, ScSimulation.stream(2));
        ceLabels = ScSimulation.balancedLabels(classes, cePointCount / classes);
        w = Points.uniformInBall(classes, dim, 2.0, ScSimulation.stream(3));
        ceGz = new double[cePoints.length];
        ceGw = new double[w.length];
        sc = engine.equals("java") ? new JavaScBatchGradient() : new OpenClScBatchGradient();
        ce = engine.equals("java") ? new JavaCeGradient() : new OpenClCeGradient();
        sc.lossAndGradient(z, dim, labels, batch, scGrad);
        ce.lossAndGradient(cePoints, w, ceLabels, classes, dim, ceGz, ceGw);
        if (!sc.engine().startsWith(engine) || !ce.engine().startsWith(engine)) {
            throw new IllegalStateException("asked for " + engine + ", ran on " + sc.engine() + " / " + ce.engine());
        }
    }

    @TearDown
    public void tearDown() {
        sc.close();
        ce.close();
    }

    /** One SC step: the batch loss and its gradient. */
    @Benchmark
    public double scBatchStep() {
        return sc.lossAndGradient(z, dim, labels, batch, scGrad);
    }

    /** One CE step: the cross-entropy and its gradients with respect to the points and the weights. */
    @Benchmark
    public double crossEntropyStep() {
        return ce.lossAndGradient(cePoints, w, ceLabels, classes, dim, ceGz, ceGw);
    }
}
