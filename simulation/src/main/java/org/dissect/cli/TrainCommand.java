package org.dissect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dissect.data.Dataset;
import org.dissect.data.Datasets;
import org.dissect.data.LabelCorruption;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Allocation;
import org.dissect.io.BadInputException;
import org.dissect.io.OutputPaths;
import org.dissect.report.OutputFolder;
import org.dissect.train.Accuracy;
import org.dissect.train.Evaluation;
import org.dissect.train.Experiment;
import org.dissect.train.Mlp;
import org.dissect.train.Sgd;
import org.dissect.train.TrainResult;
import org.dissect.train.TrainSettings;
import org.dissect.train.Trainer;
import org.dissect.train.TrainingLoss;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect train}: an encoder trained with CE, CE-fix or SC on real images, as the paper's Sec. 5 on a CPU. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Train an MLP encoder with CE, CE-fix or SC on a balanced split (n images per class), labels corrupted as "
        + "asked, by the paper's recipe (SGD, momentum 0.9, weight decay 1e-4, lr * ((T-t)/T)^5, i.i.d. batches of 256). "
        + "Reports the time to fit (the steps at the first evaluation with zero training error on the labels trained on, "
        + "under the head for ce and ce-fix and under a linear probe retrained on the frozen features for sc), the final "
        + "loss next to its bound (sc: Theorem 2's mean bound; ce: Theorem 1 at the observed norms), and the training and "
        + "test accuracy under the head, the probe and the class-mean classifier.")
final class TrainCommand implements Callable<Integer> {
    /** How the time to fit is defined, printed with every result. */
    static final String TIME_TO_FIT = "steps at the first evaluation (every --eval-every steps) with zero training error on the "
        + "labels trained on; classifier: the head for ce and ce-fix, a linear probe retrained on the frozen features for sc";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "digits", paramLabel = "D",
        description = "digits (UCI, shipped), fashion-mnist (Debian's dataset-fashion-mnist), or a FILE: labelled CSV, or .npy inputs with --labels")
    String data;

    @Option(names = "--labels", paramLabel = "FILE", description = "labels of .npy inputs: a .npy integer vector")
    Path labels;

    @Option(names = "--loss", defaultValue = "ce", paramLabel = "L", description = "ce, ce-fix or sc")
    String loss;

    @Option(names = "--corruption", defaultValue = "0", paramLabel = "p", description = "fraction of training labels corrupted, in [0, 1]")
    double corruption;

    @Option(names = "--corruption-kind", defaultValue = "flip", paramLabel = "K",
        description = "flip: exactly floor(pN) labels moved to a different class (the authors'); uniform: redrawn uniformly (Zhang et al. 2017)")
    String corruptionKind;

    @Option(names = "--per-class", paramLabel = "n", description = "training images per class (default: digits 100, fashion-mnist 1000, "
        + "a file: half its smallest class)")
    Integer perClass;

    @Option(names = "--widths", split = ",", paramLabel = "W", description = "encoder widths after the input, the last is h "
        + "(default: digits 256,256,64; fashion-mnist 512,512,128; a file 256,256,64)")
    List<Integer> widths;

    @Option(names = "--iterations", defaultValue = "2000", paramLabel = "T", description = "SGD steps (the budget)")
    int iterations;

    @Option(names = "--eval-every", defaultValue = "100", paramLabel = "E", description = "steps between training-accuracy evaluations")
    int evalEvery;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "b", description = "batch size (drawn i.i.d. with replacement)")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", paramLabel = "eta", description = "initial learning rate")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "mu", description = "SGD momentum")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "1e-4", paramLabel = "lambda", description = "weight decay")
    double weightDecay;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    RadiusOptions radius;

    @Option(names = "--stop-at-fit", description = "stop at the first evaluation with zero training error")
    boolean stopAtFit;

    @Option(names = "--final-batches", defaultValue = "500", paramLabel = "m",
        description = "sampled batches of sc's final mean batch loss (when the multisets are too many to enumerate)")
    int finalBatches;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "s", description = "seed of the split, the corruption, the initialisation and the batches")
    long seed;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "E", converter = EngineConverter.class,
        description = "auto (OpenBLAS where its natives load, else Java), java or blas")
    Engine engine;

    @Option(names = "--threads", paramLabel = "T", description = "OpenBLAS threads (default: every processor)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "write features, weights, the trace and the manifest here")
    Path out;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        TrainingLoss l = TrainingLoss.parse(loss);
        LabelCorruption kind = corruptionKind(corruptionKind);
        if (!(corruption >= 0 && corruption <= 1)) {
            throw new BadInputException("--corruption must lie in [0, 1], got " + corruption);
        }
        if (widths != null) {
            for (int w : widths) {
                Options.atLeast("--widths", w, 1);
            }
        }
        if (engine == Engine.OPENCL || engine == Engine.NAIVE) {
            throw new BadInputException("--engine " + engine.label() + " is not available for training an encoder: use auto, java or blas");
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : Options.threads(threads);
        double rho2 = radius == null ? TrainSettings.PAPER_RHO2 : radius.rho2();
        Sgd sgd;
        try {
            sgd = new Sgd(lr, momentum, weightDecay);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--lr, --momentum, --weight-decay: " + e.getMessage());
        }
        if (out != null) {
            OutputPaths.checkDirectory("--out", out);
        }
        if (data.equals(Datasets.FASHION_MNIST)) {
            // 70,000 images of 784 pixels, as doubles and as the bytes read
            Allocation.requireHeap("--data fashion-mnist", 70_000L * 784 * 9);
        }
        Dataset d = Datasets.byName(data, labels);
        int[] w = widths != null ? widths.stream().mapToInt(Integer::intValue).toArray() : defaultWidths(d);
        int n = perClass != null ? Options.atLeast("--per-class", perClass, 1) : defaultPerClass(d);
        TrainSettings s = new TrainSettings(w, l, iterations, evalEvery, batch, rho2, sgd, seed, stopAtFit, finalBatches);
        int[] all = new int[w.length + 1];
        all[0] = d.dim();
        System.arraycopy(w, 0, all, 1, w.length);
        Mlp mlp = new Mlp(all);
        long rows = (long) d.classes() * n;
        Allocation.requireHeap("--widths " + Mlp.widthsText(w).replace('-', ',') + " --batch " + batch + " --per-class " + n,
            (long) (mlp.bytesNeeded(Math.max(batch, 1)) + 8.0 * (rows + d.size()) * w[w.length - 1] * 2));
        Experiment e = Experiment.prepare(d, n, kind, corruption, seed);
        TrainResult r;
        try (ProgressReporter progress = new ProgressReporter("train " + l.label(), iterations, spec.commandLine().getErr(), true)) {
            r = Trainer.train(s, e.set(), engine, workers, progress.listener());
        }
        Map<String, Object> o = result(d, e, r);
        if (out != null) {
            write(out, e, r, o);
        }
        Options.print(spec, json, String.format(Locale.ROOT, "Trained a %s encoder %s on %s (%d images per class, p = %s %s)",
            l.label(), Mlp.widthsText(all), d.name(), n, corruption, kind.label()), o);
        return 0;
    }

    private static LabelCorruption corruptionKind(String name) {
        for (LabelCorruption c : LabelCorruption.values()) {
            if (c.label().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new BadInputException("unknown --corruption-kind '" + name + "': expected flip or uniform");
    }

    static int[] defaultWidths(Dataset d) {
        return d.name().equals(Datasets.FASHION_MNIST) ? new int[] {512, 512, 128} : new int[] {256, 256, 64};
    }

    static int defaultPerClass(Dataset d) {
        if (d.name().equals(Datasets.DIGITS)) {
            return 100;
        }
        if (d.name().equals(Datasets.FASHION_MNIST)) {
            return 1000;
        }
        int smallest = Integer.MAX_VALUE;
        for (int c : d.classCounts(0, d.trainPool())) {
            smallest = Math.min(smallest, c);
        }
        return Math.max(1, smallest / 2);
    }

    private Map<String, Object> result(Dataset d, Experiment e, TrainResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("dataset", d.name());
        o.put("datasetSize", d.size());
        o.put("classes", d.classes());
        o.put("trainSize", e.split().trainSize());
        o.put("testSize", e.split().testSize());
        o.put("perClass", e.split().perClass());
        o.put("loss", r.settings().loss().label());
        o.put("corruption", e.fraction());
        o.put("corruptionKind", e.corruption().label());
        o.put("labelsChanged", e.corrupted().changed(e.split().trainLabels()));
        o.put("widths", java.util.Arrays.stream(r.encoder().widths()).boxed().toList());
        o.put("iterations", r.settings().iterations());
        o.put("iterationsRun", r.iterationsRun());
        o.put("evalEvery", r.settings().evalEvery());
        o.put("batch", r.settings().batch());
        if (r.settings().loss() == TrainingLoss.SC) {
            o.put("rho2", r.settings().rho2());
        }
        o.put("seed", r.settings().seed());
        o.put("fitted", r.fitted());
        o.put("timeToFit", r.fitted() ? r.timeToFit().getAsInt() : null);
        o.put("timeToFitText", r.fitted() ? r.timeToFit().getAsInt() + " steps" : "not fitted within " + r.settings().iterations() + " steps");
        o.put("timeToFitDefinition", TIME_TO_FIT);
        o.put("trainAccuracy", accuracy(r.trainAccuracy()));
        o.put("testAccuracy", accuracy(r.testAccuracy()));
        o.put("finalLoss", r.finalLoss().loss());
        if (r.settings().loss() == TrainingLoss.SC) {
            o.put("finalLossStdError", r.finalLoss().standardError());
            o.put("finalLossBatches", r.finalLoss().batches());
        }
        o.put("bound", r.finalLoss().bound());
        if (r.settings().loss() != TrainingLoss.SC) {
            o.put("boundCorollary1", r.finalLoss().corollary1());
        }
        o.put("gap", r.finalLoss().loss() - r.finalLoss().bound());
        o.put("finalLossSource", r.finalLoss().source());
        if (r.constantFeatures()) {
            o.put("warning", "the training features lie within 5% of one point: the encoder died (its ReLUs switched "
                + "off after a too large early step, no batch normalisation to prevent it); train again with a smaller --lr");
        }
        o.put("engine", r.engine());
        o.put("seconds", r.seconds());
        return o;
    }

    private static Map<String, Object> accuracy(Accuracy a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head", a.head());
        m.put("probe", a.probe());
        m.put("classMean", a.classMean());
        return m;
    }

    private static void write(Path dir, Experiment e, TrainResult r, Map<String, Object> result) throws IOException {
        OutputFolder f = OutputFolder.create(dir);
        int h = r.featureDim();
        f.writePoints("features.csv", r.trainFeatures(), h, r.trainLabels());
        f.writePoints("test-features.csv", r.testFeatures(), h, r.testLabels());
        if (r.head() != null) {
            f.writePoints("weights.csv", r.head(), h, null);
        }
        f.writePoints("probe.csv", r.probe(), h, null);
        int[] clean = e.split().trainLabels();
        List<List<?>> labelRows = new ArrayList<>();
        for (int i = 0; i < clean.length; i++) {
            labelRows.add(List.of(e.split().train()[i], clean[i], r.trainLabels()[i]));
        }
        f.writeCsv("labels.csv", List.of("row", "clean", "trained"), labelRows);
        List<List<?>> trace = new ArrayList<>();
        for (Evaluation v : r.trace()) {
            trace.add(List.of(v.iteration(), v.learningRate(), v.meanBatchLoss(), text(v.headAccuracy()), text(v.probeAccuracy()),
                v.classMeanAccuracy(), v.fitted(), v.seconds()));
        }
        f.writeCsv("trace.csv", List.of("iteration", "learning_rate", "mean_batch_loss", "train_accuracy_head",
            "train_accuracy_probe", "train_accuracy_class_mean", "fitted", "seconds"), trace);
        Map<String, Object> encoder = new LinkedHashMap<>();
        encoder.put("widths", java.util.Arrays.stream(r.encoder().widths()).boxed().toList());
        encoder.put("activation", "relu between layers, the last layer linear");
        List<Map<String, Object>> layers = new ArrayList<>();
        double[][] p = r.parameters();
        for (int l = 0; l < r.encoder().layers(); l++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("weights", rows(p[2 * l], r.encoder().widths()[l]));
            layer.put("bias", p[2 * l + 1]);
            layers.add(layer);
        }
        encoder.put("layers", layers);
        Json.mapper().writeValue(f.file("encoder.json").toFile(), encoder);
        Map<String, Object> manifest = new LinkedHashMap<>(result);
        manifest.put("learningRate", r.settings().sgd().learningRate());
        manifest.put("momentum", r.settings().sgd().momentum());
        manifest.put("weightDecay", r.settings().sgd().weightDecay());
        manifest.put("stopAtFit", r.settings().stopAtFit());
        manifest.put("files", List.of("features.csv (training features as the loss sees them, sc: on the rho-sphere; label = "
            + "the label trained on)", "test-features.csv", "weights.csv (the head: ce trained, ce-fix the fixed simplex)",
            "probe.csv (the linear probe on the final features)", "labels.csv (split row, clean and trained label)",
            "encoder.json (widths, weights as rows out x in, biases)", "trace.csv"));
        f.writeManifest(manifest);
    }

    private static String text(Double v) {
        return v == null ? "" : Double.toString(v);
    }

    private static double[][] rows(double[] flat, int columns) {
        double[][] out = new double[flat.length / columns][columns];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * columns, out[i], 0, columns);
        }
        return out;
    }
}
