package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dissect.io.BadInputException;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.Checks;
import org.dissect.theory.SupConFloor;
import org.dissect.theory.SupervisedContrastive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect bound supcon}: the floor and the uninformative level of a SupCon training log. */
@Command(name = "supcon", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"The practitioner's floor: the smallest expected value of Khosla et al.'s reported SupCon loss",
        "(reached when every class collapses to a simplex vertex), and the uninformative level (all features equal,",
        "where training starts in high dimension). Every training curve lies between them."})
final class BoundSupConCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--classes", required = true, paramLabel = "K", description = "number of classes K >= 2")
    int classes;

    @Option(names = "--dataset-size", required = true, paramLabel = "N", description = "balanced training set size N (a multiple of K)")
    int size;

    @Option(names = "--batch", required = true, paramLabel = "bsz", description = "instances per batch")
    int batch;

    @Option(names = "--views", defaultValue = "2", paramLabel = "V", description = "augmented views per instance")
    int views;

    @Option(names = "--temperature", required = true, paramLabel = "T", description = "temperature tau")
    double temperature;

    @Option(names = "--base-temperature", defaultValue = "" + SupervisedContrastive.DEFAULT_BASE_TEMPERATURE,
        paramLabel = "T0", description = "base temperature tau_base")
    double baseTemperature;

    @Option(names = "--sampling", defaultValue = "without-replacement", paramLabel = "S",
        converter = SamplingConverter.class,
        description = "how batches are drawn: multiset (Definition 2), with-replacement (i.i.d.), without-replacement (shuffled loader)")
    BatchSampling sampling;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    /**
     * The floor sums over every class count {@code c = 0..bsz} (an array of bsz+1 probabilities and as many
     * log-gamma evaluations): a batch beyond this many instances would take minutes and gigabytes, and no
     * training loop uses one.
     */
    static final int MAX_BATCH = 10_000_000;

    @Override
    public Integer call() {
        Options.atLeast("--classes", classes, 2);
        Options.atLeast("--dataset-size", size, classes);
        Options.atLeast("--batch", batch, 1);
        Options.atLeast("--views", views, 1);
        Checks.positive("--temperature", temperature);
        Checks.positive("--base-temperature", baseTemperature);
        if (batch > MAX_BATCH) {
            throw new BadInputException("--batch " + batch + " is more than " + MAX_BATCH
                + " instances: the floor's class-count distribution would take minutes and gigabytes");
        }
        SupConFloor f = SupConFloor.of(classes, size, batch, views, temperature, baseTemperature, sampling);
        Options.finite("the loss floor", f.lossFloor());
        Options.finite("the uninformative level", f.uninformativeLevel());
        PrintWriter out = spec.commandLine().getOut();
        String samplingName = SamplingConverter.name(sampling);
        if (json) {
            ObjectNode o = Json.object();
            o.put("classes", classes).put("datasetSize", size).put("batch", batch).put("views", views)
                .put("anchors", (long) batch * views).put("temperature", temperature).put("baseTemperature", baseTemperature)
                .put("sampling", samplingName).put("lossFloor", f.lossFloor()).put("uninformativeLevel", f.uninformativeLevel());
            Json.print(out, o);
            return 0;
        }
        out.printf("SupCon training floor: K=%d, N=%d, %d instances x %d views = %d anchors, tau=%s, tau_base=%s, %s%n",
            classes, size, batch, views, (long) batch * views, temperature, baseTemperature, samplingName);
        out.printf("  loss floor (simplex)              %s%n", sixDecimals(f.lossFloor()));
        out.printf("  uninformative level (collapsed)   %s%n", sixDecimals(f.uninformativeLevel()));
        out.flush();
        return 0;
    }

    /** Six decimals as a training log shows them, or six significant digits where those would all be zero. */
    private static String sixDecimals(double v) {
        return String.format(java.util.Locale.ROOT, v != 0 && Math.abs(v) < 1e-3 ? "%.6e" : "%.6f", v);
    }
}
