package org.dissect.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.dissect.descent.Engines;
import org.dissect.descent.ScBatchGradient;
import org.dissect.diagnostics.CollapseDiagnostics;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.diagnostics.LossVsBound;
import org.dissect.diagnostics.ScMeanBatchLoss;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Allocation;
import org.dissect.enumeration.Enumeration;
import org.dissect.io.BadInputException;
import org.dissect.io.LabelledFiles;
import org.dissect.io.LabelledPoints;
import org.dissect.io.MatrixCsv;
import org.dissect.io.NpyReader;
import org.dissect.io.OutputPaths;
import org.dissect.report.Figure;
import org.dissect.report.GammaFigure;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.Checks;
import org.dissect.theory.SupervisedContrastiveBound;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dissect geometry}: how close a network's embeddings (and classifier) are to the regular simplex. */
@Command(name = "geometry", mixinStandardHelpOptions = true,
    description = {"Measure how close embeddings are to the collapse the paper proves optimal: class means against the "
        + "regular simplex (simplexDeviation, (S1), (S2)), within-class spread, the gamma statistics of Eq. 7, NC1-NC4 of "
        + "Papyan et al., and with --weights the classifier against the class means and r_W.",
        "Then the comparison of Sec. 5.2: the SC mean batch loss of the features projected on the rho-sphere (exact over "
        + "every multiset when there are at most 2,000,000, else sampled batches with a standard error) next to the "
        + "Theorem 2 bound, and with --weights the CE loss next to Theorem 1 at the observed norms (Corollary 2 with "
        + "--lambda). --figure draws the Fig. 7 panels.",
        "rho (--rho, --rho2 or --temperature, rho^2 = 1/tau) is the one radius of the theorems: the diagnostics divide "
        + "lengths by it and the SC loss projects on its sphere. Default: the mean feature norm, the scale the features "
        + "come at (pass --temperature 0.1 for unit vectors saved by a SupCon run at tau = 0.1).",
        "EMBEDDINGS: a CSV file (label, then coordinates; optional header) or a .npy feature matrix with --labels.", ""})
final class GeometryCommand implements Callable<Integer> {
    /** The paper's batch size (Sec. 5.1), the default of {@code --batch} when the data hold at least as many features. */
    static final int DEFAULT_BATCH = 256;

    /**
     * The largest {@code --batch}: each sampled batch works on two b×b matrices (2·8·b² bytes, 64 GiB at this b).
     */
    static final int MAX_BATCH = 1 << 16;

    /**
     * The most multiply-adds the sampled SC estimate may cost, {@code samples·b²·h}: about 15 minutes of one Java
     * thread at 1e9 per second, refused before it starts beyond.
     */
    static final double MAX_SAMPLED_WORK = 1e12;
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EMBEDDINGS", description = "labelled CSV, or .npy features (N x h)")
    Path embeddings;

    @Option(names = "--labels", paramLabel = "FILE", description = "labels of .npy features: a .npy vector or a CSV/text file, one integer per line")
    Path labelsFile;

    @Option(names = "--weights", paramLabel = "W", description = "classifier weights, one row per class in label order: CSV (no label column, optional header) or .npy (K x h)")
    Path weightsFile;

    @Option(names = "--classes", paramLabel = "K", description = "number of classes (default: the largest label + 1)")
    Integer classes;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "The radius rho (one of; default the mean feature norm):%n")
    RadiusOptions radius;

    @Option(names = "--batch", paramLabel = "b", description = "SC batch size b >= 2 (default: " + DEFAULT_BATCH
        + ", or N when there are fewer features)")
    Integer batch;

    @Option(names = "--sampling", defaultValue = "multiset", paramLabel = "S", converter = SamplingConverter.class,
        description = "how SC batches are drawn: multiset (uniform over multisets, Definition 2, the mean Theorem 2 bounds; "
            + "the default), with-replacement (i.i.d.), without-replacement (shuffled loader, b <= N)")
    BatchSampling sampling;

    @Option(names = "--samples", defaultValue = "1000", paramLabel = "M",
        description = "SC batches drawn when the mean is not computed exactly (default: ${DEFAULT-VALUE}, as Sec. 5.2)")
    int samples;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "s", description = "seed of the sampled batches (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--figure", paramLabel = "FILE", description = "write the Fig. 7 panels (gamma distributions) as .png or .svg")
    Path figure;

    @Option(names = "--lambda", paramLabel = "L", description = "the L2 penalty the classifier was trained with: compares weight norms with r_W(rho, lambda)")
    Double lambda;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        LabelledFiles.Rows read = LabelledFiles.read(embeddings, labelsFile,
            classes == null ? OptionalInt.empty() : OptionalInt.of(classes), "feature");
        double[][] points = read.rows();
        int[] labels = read.labels();
        Path labelSource = labelsFile != null ? labelsFile : embeddings;
        int k = classes != null ? classes : 1 + java.util.Arrays.stream(labels).max().orElse(0);
        checkLabels(labelSource, labels, k);
        int dim = points[0].length;
        int b = batchSize(points.length, dim);
        double[][] w = weightsFile == null ? null : readWeights(k, dim);
        CollapseDiagnostics d = CollapseDiagnostics.of(points, labels, k);
        double rho;
        double rho2;
        if (radius != null) {
            rho2 = radius.rho2();
            rho = radius.rho();
            d = d.withRadius(rho);
        } else {
            rho = CollapseDiagnostics.meanPointNorm(points);
            rho2 = rho * rho;
            if (!(rho2 > 0) || Double.isInfinite(rho2)) {
                throw new BadInputException(embeddings + ": the mean feature norm " + rho + " gives rho^2 = " + rho2
                    + ", outside the double range; give --rho or --temperature");
            }
        }
        if (w != null) {
            d = d.withWeights(w);
        }
        if (lambda != null) {
            d = d.withLambda(lambda);
        }
        CollapseReport r = d.compute();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", embeddings.toString());
        o.putAll(r.toMap());
        o.put("temperature", jsonNumber(1 / rho2));
        o.putAll(scComparison(points, labels, k, dim, b, rho, rho2));
        o.putAll(ceComparison(points, labels, w));
        if (figure != null) {
            String name = embeddings.getFileName().toString();
            GammaFigure.of("γ of Eq. 7: " + name + " (N=" + points.length + ", K=" + k + ")",
                List.of(new GammaFigure.Encoder(name, points, labels, k, w))).write(figure);
            o.put("figure", figure.toString());
        }
        Options.print(spec, json, String.format(Locale.ROOT, "Geometry of %s: N=%d, h=%d, K=%d", embeddings, r.points(),
            r.dimension(), r.classes()), o);
        return 0;
    }

    /** The checks that need no data: values of the options, the figure's path. */
    private void checkOptions() {
        if (batch != null) {
            Options.atLeast("--batch", batch, 2);
            if (batch > MAX_BATCH) {
                throw new BadInputException("--batch " + batch + " is more than " + MAX_BATCH
                    + ": each sampled batch would work on two b x b matrices of " + Allocation.bytes(16L * batch * batch));
            }
        }
        Options.atLeast("--samples", samples, 2);
        if (radius != null) {
            radius.rho2();
        }
        if (lambda != null) {
            Checks.positive("--lambda", lambda);
        }
        if (figure != null) {
            if (!Figure.hasFormat(figure)) {
                throw new BadInputException("--figure " + figure + ": the name must end in .png or .svg");
            }
            OutputPaths.checkFile("--figure", figure);
        }
    }

    /** b from --batch, or min(256, N); checked against N (without replacement), the heap and the sampled work. */
    private int batchSize(int size, int dim) {
        int b = batch != null ? batch : Math.max(2, Math.min(DEFAULT_BATCH, size));
        if (sampling == BatchSampling.WITHOUT_REPLACEMENT && b > size) {
            throw new BadInputException("--batch " + b + " is larger than the N = " + size
                + " features: batches without replacement hold at most N");
        }
        Allocation.requireHeap("--batch " + b + " (two b x b matrices per batch)", 16L * b * b);
        double work = (double) samples * b * b * dim;
        if (work > MAX_SAMPLED_WORK) {
            throw new BadInputException(String.format(Locale.ROOT, "--samples %d x --batch %d^2 x h = %d is %.3g multiply-adds, "
                + "more than %.0g (hours): lower --samples or --batch", samples, b, dim, work, MAX_SAMPLED_WORK));
        }
        return b;
    }

    private double[][] readWeights(int k, int dim) {
        double[][] w;
        try {
            w = LabelledFiles.isNpy(weightsFile) ? NpyReader.readMatrix(weightsFile) : MatrixCsv.read(weightsFile);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + e.getFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + weightsFile + ": " + e.getMessage());
        }
        if (w.length != k || w.length == 0 || w[0].length != dim) {
            throw new BadInputException(weightsFile + ": weights are " + w.length + " x " + (w.length == 0 ? 0 : w[0].length)
                + ", expected K x h = " + k + " x " + dim);
        }
        return w;
    }

    /**
     * The SC keys: the mean batch loss of the features on the rho-sphere (exact or sampled), its bound and the gap.
     * Every key is present; those that do not apply are null, with {@code scNote} saying why.
     */
    private Map<String, Object> scComparison(double[][] points, int[] labels, int k, int dim, int b, double rho, double rho2) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("scBatch", b);
        o.put("scSampling", SamplingConverter.name(sampling));
        OptionalInt perClass = LossVsBound.perClass(labels, k);
        String note = perClass.isPresent() ? null : "classes differ in size: Theorem 2 assumes n points in every class, "
            + "so there is no bound";
        LossVsBound.Sc sc = null;
        int zero = firstZero(points);
        if (zero >= 0) {
            note = "feature " + zero + " is zero: it has no direction on the rho-sphere, so the SC loss is undefined";
        } else {
            double[] z = ScMeanBatchLoss.onSphere(points, rho);
            OptionalDouble bound = OptionalDouble.empty();
            if (perClass.isPresent()) {
                SupervisedContrastiveBound t2 = new SupervisedContrastiveBound(k, perClass.getAsInt(), b, rho2);
                bound = OptionalDouble.of(sampling == BatchSampling.MULTISET ? Options.meanBound(t2) : LossVsBound.scBound(t2, sampling));
            }
            int threads = Runtime.getRuntime().availableProcessors();
            ScMeanBatchLoss.Estimate estimate;
            if (ScMeanBatchLoss.exactApplies(z, dim, b, sampling, ScMeanBatchLoss.DEFAULT_EXACT_LIMIT)) {
                try (Enumeration enumeration = Engines.enumeration(Engine.AUTO, threads)) {
                    estimate = ScMeanBatchLoss.exact(z, dim, labels, k, b, enumeration);
                }
            } else {
                try (ScBatchGradient batchLoss = Engines.scBatch(Engine.AUTO, threads, b, dim)) {
                    estimate = ScMeanBatchLoss.sampled(z, dim, labels, b, sampling, samples, seed, batchLoss);
                }
            }
            sc = new LossVsBound.Sc(estimate, bound);
        }
        o.put("scMeanBatchLoss", sc == null ? null : Options.finite("the SC mean batch loss", sc.loss().mean()));
        o.put("scMeanBatchLossStdError", sc == null ? null : sc.loss().standardError());
        o.put("scBatches", sc == null ? null : sc.loss().batches());
        o.put("scExact", sc == null ? null : sc.loss().exact());
        o.put("scBound", sc == null ? null : number(sc.bound()));
        o.put("scBoundSource", sc == null || sc.bound().isEmpty() ? null : sampling == BatchSampling.MULTISET
            ? "Theorem 2 mean bound" : "value at the regular simplex under " + SamplingConverter.name(sampling) + " sampling");
        o.put("scGap", sc == null ? null : number(sc.gap()));
        o.put("scEngine", sc == null ? null : sc.loss().engine());
        o.put("scNote", note);
        return o;
    }

    /** The CE keys: with weights the loss, Theorem 1 and Corollary 1 at the observed norms, Corollary 2 with λ; else null. */
    private Map<String, Object> ceComparison(double[][] points, int[] labels, double[][] w) {
        LossVsBound.Ce ce = w == null ? null : LossVsBound.crossEntropy(points, labels, w, lambda == null ? Double.NaN : lambda);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ceLoss", ce == null ? null : Options.finite("the CE loss", ce.loss()));
        o.put("ceBound", ce == null ? null : number(ce.bound()));
        o.put("ceGap", ce == null ? null : number(ce.gap()));
        o.put("ceBoundCorollary1", ce == null ? null : number(ce.corollary1()));
        o.put("ceFeatureRadius", ce == null ? null : ce.featureRadius());
        o.put("ceWeightNorm", ce == null ? null : ce.weightNorm());
        o.put("ceMaxWeightNorm", ce == null ? null : ce.maxWeightNorm());
        o.put("ceRegularizedLoss", ce == null ? null : number(ce.regularizedLoss()));
        o.put("ceRegularizedBound", ce == null ? null : number(ce.regularizedBound()));
        o.put("ceRegularizedGap", ce == null ? null : number(ce.regularizedGap()));
        o.put("ceNote", ce != null && ce.bound().isEmpty() ? "classes differ in size: Theorem 1 assumes balanced labels, so "
            + "there is no bound" : null);
        return o;
    }

    /** The index of the first all-zero feature, or -1. */
    private static int firstZero(double[][] points) {
        for (int n = 0; n < points.length; n++) {
            boolean zero = true;
            for (double v : points[n]) {
                zero &= v == 0;
            }
            if (zero) {
                return n;
            }
        }
        return -1;
    }

    private static Double number(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static Double jsonNumber(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** K at least 2, then the shared label policy: checked here so the message names the file. */
    private static void checkLabels(Path file, int[] labels, int k) {
        if (k < 2) {
            throw new BadInputException(file + ": need at least 2 classes, the labels give K = " + k);
        }
        LabelledPoints.requireEveryClass(file.toString(), labels, k);
    }

}
