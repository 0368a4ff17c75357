package org.dissect.train;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.LongConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.descent.CeGradient;
import org.dissect.descent.Engines;
import org.dissect.descent.ScBatchGradient;
import org.dissect.diagnostics.ScMeanBatchLoss;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Enumeration;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SupervisedContrastiveBound;

/**
 * Trains an encoder ({@link Mlp}) with CE, CE-fix or SC as the paper's experiments do, and measures it.
 *
 * <p>Loop: at step t = 0, …, T-1 a batch of b training rows is drawn i.i.d. with replacement, the loss of its features
 * ({@link FeatureLoss}) is backpropagated through the encoder, and {@link Sgd} steps with rate
 * {@code η((T - t)/T)^5}. After every E steps (and after the last) the training accuracy on the labels trained on is
 * evaluated ({@link Evaluation}). <b>Time to fit</b> is the step count at the first evaluation whose training error is
 * zero under the fit criterion: the head for CE and CE-fix, the linear probe retrained on the frozen features for SC
 * (which has no head). At the end the probe is retrained on the final features and the accuracies, features and the
 * final loss with its bound ({@link FinalLoss}) are computed.
 *
 * <p>Random streams: each purpose has its own stream seeded with {@code (seed, purpose)}: the initialisation, the
 * batches, the probes, SC's final batches. Same seed, data, engine and thread count: the same bits (tested). Another
 * OpenBLAS thread count changes the last bits of the products (after 100 steps of a 64-256-256-64 encoder, 1 against 2
 * threads: features within 2e-15).
 */
public final class Trainer {
    private static final int STREAM_INIT = 1;
    private static final int STREAM_BATCHES = 2;
    private static final int STREAM_PROBE = 3;
    private static final int STREAM_FINAL = 4;

    private Trainer() {
    }

    /**
     * @param seed the run's seed
     * @param purpose the stream's purpose
     * @return the seeded stream
     */
    static UniformRandomProvider stream(long seed, long purpose) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, purpose});
    }

    /**
     * Trains and measures one encoder.
     *
     * @param s how
     * @param data on what
     * @param choice the engine of the products (auto, java, blas)
     * @param threads threads of the OpenBLAS products, at least 1 (the Java engine runs on one)
     * @param progress told 1 after every step (any thread may read it)
     * @return the trained encoder and its measurements
     * @throws IllegalArgumentException if CE-fix's simplex does not fit ({@code K > h + 1}) or the engine is not available
     */
    public static TrainResult train(TrainSettings s, TrainingSet data, Engine choice, int threads, LongConsumer progress) {
        long t0 = System.nanoTime();
        int classes = data.classes();
        int h = s.featureDim();
        if (s.loss() == TrainingLoss.CE_FIX && classes > h + 1) {
            throw new IllegalArgumentException("--loss ce-fix needs a regular simplex of K = " + classes
                + " vertices in R^h: the feature width h = " + h + " must be at least K - 1 = " + (classes - 1));
        }
        int[] widths = new int[s.widths().length + 1];
        widths[0] = data.dim();
        System.arraycopy(s.widths(), 0, widths, 1, s.widths().length);
        Mlp mlp = new Mlp(widths);
        UniformRandomProvider init = stream(s.seed(), STREAM_INIT);
        double[][] params = mlp.initialParameters(init);
        double[] head = switch (s.loss()) {
            case CE -> Mlp.uniform(init, classes * h, 1 / Math.sqrt(h));
            case CE_FIX -> flat(RegularSimplex.regularSimplex(classes, h, 1));
            case SC -> null;
        };
        boolean trainHead = s.loss() == TrainingLoss.CE;
        double[][] blocks = trainHead ? append(params, head) : params;
        double[][] grads = new double[blocks.length][];
        double[][] velocity = new double[blocks.length][];
        for (int i = 0; i < blocks.length; i++) {
            grads[i] = new double[blocks[i].length];
            velocity[i] = new double[blocks[i].length];
        }
        double[][] encoderGrads = trainHead ? java.util.Arrays.copyOf(grads, params.length) : grads;
        int b = s.batch();
        int n = data.size();
        UniformRandomProvider batches = stream(s.seed(), STREAM_BATCHES);
        UniformRandomProvider probes = stream(s.seed(), STREAM_PROBE);
        try (Gemm gemm = GemmEngines.open(choice, threads);
             CeGradient ce = Engines.crossEntropy(gemm.engine().kind(), threads, b, classes, h);
             ScBatchGradient sc = s.loss() == TrainingLoss.SC ? Engines.scBatch(gemm.engine().kind(), threads, b, h) : null) {
            FeatureLoss loss = sc != null ? FeatureLoss.supervisedContrastive(sc, h, s.rho()) : FeatureLoss.crossEntropy(ce, classes, h);
            Mlp.Workspace ws = mlp.workspace(b);
            double[] xb = new double[b * data.dim()];
            int[] yb = new int[b];
            double[] gf = new double[b * h];
            List<Evaluation> trace = new ArrayList<>();
            OptionalInt fit = OptionalInt.empty();
            double lossSum = 0;
            int lossCount = 0;
            int t = 0;
            double rate = 0;
            while (t < s.iterations()) {
                for (int j = 0; j < b; j++) {
                    int i = batches.nextInt(n);
                    System.arraycopy(data.inputs(), i * data.dim(), xb, j * data.dim(), data.dim());
                    yb[j] = data.labels()[i];
                }
                double[] f = mlp.forward(params, xb, b, ws, gemm);
                lossSum += loss.lossAndGradient(f, yb, head, gf, trainHead ? grads[grads.length - 1] : null);
                lossCount++;
                mlp.backward(params, ws, gf, encoderGrads, gemm);
                rate = s.sgd().rate(t, s.iterations());
                s.sgd().step(blocks, grads, velocity, rate);
                t++;
                progress.accept(1);
                if (t % s.evalEvery() == 0 || t == s.iterations()) {
                    double[] z = features(mlp, params, data.inputs(), n, s, ws, gemm);
                    Evaluation e = evaluate(s, z, h, data.labels(), classes, head, ce, probes, t, rate, lossSum / lossCount,
                        (System.nanoTime() - t0) * 1e-9);
                    trace.add(e);
                    lossSum = 0;
                    lossCount = 0;
                    if (e.fitted() && fit.isEmpty()) {
                        fit = OptionalInt.of(t);
                        if (s.stopAtFit()) {
                            break;
                        }
                    }
                }
            }
            double[] trainZ = features(mlp, params, data.inputs(), n, s, ws, gemm);
            double[] testZ = features(mlp, params, data.testInputs(), data.testLabels().length, s, ws, gemm);
            double[] probe = Classifiers.probe(trainZ, h, data.labels(), classes, ce, probes);
            double[] means = Classifiers.classMeans(trainZ, h, data.labels(), classes);
            Accuracy train = accuracy(trainZ, h, data.labels(), classes, head, probe, means);
            Accuracy test = accuracy(testZ, h, data.testLabels(), classes, head, probe, means);
            FinalLoss fl = finalLoss(s, data, trainZ, h, head, ce, sc, threads);
            RanOn engine = gemm.engine();
            return new TrainResult(s, mlp, params, head, probe, classes, trainZ, data.labels().clone(), testZ,
                data.testLabels().clone(), List.copyOf(trace), fit, t, train, test, fl, engine, (System.nanoTime() - t0) * 1e-9);
        }
    }

    /** The features of n rows, in passes of the workspace's capacity; on the ρ-sphere for SC. */
    private static double[] features(Mlp mlp, double[][] params, double[] x, int n, TrainSettings s, Mlp.Workspace ws, Gemm gemm) {
        int d = mlp.inputDim();
        int h = mlp.featureDim();
        double[] out = new double[n * h];
        double[] chunk = new double[ws.capacity() * d];
        for (int from = 0; from < n; from += ws.capacity()) {
            int rows = Math.min(ws.capacity(), n - from);
            System.arraycopy(x, from * d, chunk, 0, rows * d);
            double[] f = mlp.forward(params, chunk, rows, ws, gemm);
            System.arraycopy(f, 0, out, from * h, rows * h);
        }
        if (s.loss() == TrainingLoss.SC) {
            Projection.onSphere(out, n, h, s.rho(), out, new double[n]);
        }
        return out;
    }

    private static Evaluation evaluate(TrainSettings s, double[] z, int h, int[] labels, int classes, double[] head, CeGradient ce,
                                       UniformRandomProvider probes, int t, double rate, double meanLoss, double seconds) {
        Double headAccuracy = head == null ? null : Classifiers.accuracy(z, h, head, classes, labels);
        Double probeAccuracy = s.loss() == TrainingLoss.SC
            ? Classifiers.accuracy(z, h, Classifiers.probe(z, h, labels, classes, ce, probes), classes, labels) : null;
        double means = Classifiers.accuracy(z, h, Classifiers.classMeans(z, h, labels, classes), classes, labels);
        boolean fitted = (s.loss() == TrainingLoss.SC ? probeAccuracy : headAccuracy) == 1.0;
        return new Evaluation(t, rate, meanLoss, headAccuracy, probeAccuracy, means, fitted, seconds);
    }

    private static Accuracy accuracy(double[] z, int h, int[] labels, int classes, double[] head, double[] probe, double[] means) {
        return new Accuracy(head == null ? null : Classifiers.accuracy(z, h, head, classes, labels),
            Classifiers.accuracy(z, h, probe, classes, labels), Classifiers.accuracy(z, h, means, classes, labels));
    }

    private static FinalLoss finalLoss(TrainSettings s, TrainingSet data, double[] z, int h, double[] head, CeGradient ce,
                                       ScBatchGradient sc, int threads) {
        int classes = data.classes();
        if (sc != null) {
            ScMeanBatchLoss.Estimate e;
            try (Enumeration enumeration = Engines.enumeration(Engine.JAVA, threads)) {
                e = ScMeanBatchLoss.of(z, h, data.labels(), classes, s.batch(), BatchSampling.MULTISET, s.finalBatches(),
                    stream(s.seed(), STREAM_FINAL).nextLong(), ScMeanBatchLoss.DEFAULT_EXACT_LIMIT, enumeration, sc);
            }
            double bound = new SupervisedContrastiveBound(classes, data.perClass(), s.batch(), s.rho2()).meanBound();
            String source = (e.exact() ? "exact mean over all " + e.batches() : "mean over " + e.batches() + " uniformly drawn")
                + " multiset batches of size " + s.batch() + " (Definition 2, features on the rho-sphere); bound: Theorem 2 "
                + "mean bound at K=" + classes + ", n=" + data.perClass() + ", b=" + s.batch() + ", rho^2=" + s.rho2()
                + " (balanced labels; exact for uncorrupted labels)";
            return new FinalLoss(e.mean(), e.standardError(), e.batches(), bound, Double.NaN, source);
        }
        double loss = ce.lossAndGradient(z, 0, head, data.labels(), classes, h, null, null);
        double rho = 0;
        for (int i = 0; i < data.size(); i++) {
            rho = Math.max(rho, norm(z, i * h, h));
        }
        double frobenius = norm(head, 0, head.length);
        double rW = 0;
        for (int k = 0; k < classes; k++) {
            rW = Math.max(rW, norm(head, k * h, h));
        }
        double theorem1 = CrossEntropyBounds.theorem1(classes, rho, frobenius);
        double corollary1 = CrossEntropyBounds.corollary1(classes, rho, rW);
        String source = "Definition 1 over the " + data.size() + " training images with the head; bound: Theorem 1 at the "
            + "observed rho = max ||z_i|| and ||W||_F (Corollary 1 at r_W = max ||w_y||)";
        return new FinalLoss(loss, 0, 0, theorem1, corollary1, source);
    }

    private static double norm(double[] v, int from, int length) {
        double s = 0;
        for (int i = from; i < from + length; i++) {
            s += v[i] * v[i];
        }
        return Math.sqrt(s);
    }

    private static double[] flat(double[][] rows) {
        int dim = rows[0].length;
        double[] out = new double[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * dim, dim);
        }
        return out;
    }

    private static double[][] append(double[][] blocks, double[] last) {
        double[][] out = java.util.Arrays.copyOf(blocks, blocks.length + 1);
        out[blocks.length] = last;
        return out;
    }
}
