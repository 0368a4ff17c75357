package org.dissect.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.dissect.diagnostics.CollapseDiagnostics;
import org.dissect.diagnostics.CollapseReport;
import org.dissect.io.BadInputException;
import org.dissect.io.LabelledPoints;
import org.dissect.io.MatrixCsv;
import org.dissect.io.NpyReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dissect geometry}: how close a network's embeddings (and classifier) are to the regular simplex. */
@Command(name = "geometry", mixinStandardHelpOptions = true,
    description = {"Measure how close embeddings are to the collapse the paper proves optimal: class means against the",
        "regular simplex (simplexDeviation, (S1), (S2)), within-class spread, the gamma statistics of Eq. 7, NC1-NC4 of",
        "Papyan et al., and with --weights the classifier against the class means and r_W.",
        "EMBEDDINGS: a CSV file (label, then coordinates; optional header) or a .npy feature matrix with --labels."})
final class GeometryCommand implements Callable<Integer> {
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

    @Option(names = "--rho", paramLabel = "R", description = "feature radius (default: the mean feature norm)")
    Double rho;

    @Option(names = "--lambda", paramLabel = "L", description = "the L2 penalty the classifier was trained with: compares weight norms with r_W(rho, lambda)")
    Double lambda;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        double[][] points;
        int[] labels;
        try {
            if (isNpy(embeddings)) {
                if (labelsFile == null) {
                    throw new BadInputException(embeddings + ": --labels is required with .npy features");
                }
                points = NpyReader.readMatrix(embeddings);
                labels = isNpy(labelsFile) ? NpyReader.readLabels(labelsFile) : labelColumn(labelsFile);
                if (labels.length != points.length) {
                    throw new BadInputException(labelsFile + ": " + labels.length + " labels for " + points.length + " feature rows");
                }
            } else {
                if (labelsFile != null) {
                    throw new BadInputException("--labels applies to .npy features only; a CSV file carries its labels in column 1");
                }
                LabelledPoints lp = LabelledPoints.read(embeddings, classes == null ? OptionalInt.empty() : OptionalInt.of(classes));
                points = lp.points();
                labels = lp.labels();
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + e.getFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + embeddings + (labelsFile == null ? "" : " or " + labelsFile) + ": " + e.getMessage());
        }
        Path labelSource = labelsFile != null ? labelsFile : embeddings;
        int k = classes != null ? classes : 1 + java.util.Arrays.stream(labels).max().orElse(0);
        checkLabels(labelSource, labels, k);
        CollapseDiagnostics d = CollapseDiagnostics.of(points, labels, k);
        if (rho != null) {
            d = d.withRadius(rho);
        }
        if (weightsFile != null) {
            double[][] w;
            try {
                w = isNpy(weightsFile) ? NpyReader.readMatrix(weightsFile) : MatrixCsv.read(weightsFile);
            } catch (NoSuchFileException e) {
                throw new BadInputException("no such file: " + e.getFile());
            } catch (IOException e) {
                throw new BadInputException("cannot read " + weightsFile + ": " + e.getMessage());
            }
            if (w.length != k || w.length == 0 || w[0].length != points[0].length) {
                throw new BadInputException(weightsFile + ": weights are " + w.length + " x " + (w.length == 0 ? 0 : w[0].length)
                    + ", expected K x h = " + k + " x " + points[0].length);
            }
            d = d.withWeights(w);
        }
        if (lambda != null) {
            d = d.withLambda(lambda);
        }
        CollapseReport r = d.compute();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", embeddings.toString());
        o.putAll(r.toMap());
        Options.print(spec, json, String.format(Locale.ROOT, "Geometry of %s: N=%d, h=%d, K=%d", embeddings, r.points(),
            r.dimension(), r.classes()), o);
        return 0;
    }

    /** K at least 2, then the shared label policy: checked here so the message names the file. */
    private static void checkLabels(Path file, int[] labels, int k) {
        if (k < 2) {
            throw new BadInputException(file + ": need at least 2 classes, the labels give K = " + k);
        }
        LabelledPoints.requireEveryClass(file.toString(), labels, k);
    }

    private static boolean isNpy(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /** Labels as text: one integer per line (a first non-numeric line is a header). */
    private static int[] labelColumn(Path file) throws IOException {
        java.util.List<String> lines = Files.readAllLines(file);
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || (i == 0 && !t.matches("[+-]?\\d+"))) {
                continue;
            }
            if (!t.matches("\\d+")) {
                throw new BadInputException(file + ":" + (i + 1) + ": label '" + t + "' is not a non-negative integer");
            }
            out.add(Integer.parseInt(t));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
