package org.dissect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dissect.engine.Engine;
import org.dissect.io.BadInputException;
import org.dissect.io.OutputPaths;
import org.dissect.reproduce.Context;
import org.dissect.reproduce.ReadmeGallery;
import org.dissect.reproduce.Reproduction;
import org.dissect.reproduce.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dissect reproduce}: the paper's figures and numbers, as pictures, CSV files and a report. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Reproduce the paper's figures and numbers (the TARGETs below): PNG + SVG + CSV per figure, and report.md "
        + "with the paper's value, our theory value and our empirical value side by side. A failed stage names itself and "
        + "the others still run (exit 1 if any failed).")
final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TARGET", completionCandidates = Targets.class,
        description = "${COMPLETION-CANDIDATES} or all (default: all; all leaves out fig8, minutes long: name it)")
    List<String> targets = new ArrayList<>();

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--quick", description = "a smaller version of every figure (same code, fewer steps and sweep points)")
    boolean quick;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "E", converter = EngineConverter.class,
        completionCandidates = EngineConverter.class, description = "${COMPLETION-CANDIDATES}; auto: an OpenCL GPU or accelerator, "
        + "else OpenBLAS for large products (Java for small ones), and OpenCL on any device for the exact enumeration; "
        + "naive: the slow reference enumeration (Fig. 6's exact descent only)")
    Engine engine;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "s", description = "seed of every random stream")
    long seed;

    @Option(names = "--update-readme", paramLabel = "README", description = "copy the gallery next to README (docs/gallery/) and "
        + "rewrite its generated results block")
    Path readme;

    /** The names of the reproduction stages, in the report's order: the TARGET values help lists. */
    static final class Targets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Reproduction.all().stream().map(Stage::name).iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        List<Stage> all = Reproduction.all();
        Set<String> wanted = new LinkedHashSet<>(targets.isEmpty() ? List.of("all") : targets);
        List<Stage> chosen = new ArrayList<>();
        for (String t : wanted) {
            if (!t.equals("all") && all.stream().noneMatch(s -> s.name().equals(t))) {
                throw new BadInputException("unknown target '" + t + "': expected one of "
                    + String.join(", ", all.stream().map(Stage::name).toList()) + " or all");
            }
        }
        for (Stage s : all) {
            if (wanted.contains("all") && s.partOfAll() || wanted.contains(s.name())) {
                chosen.add(s);
            }
        }
        if (readme != null && !Files.isRegularFile(readme)) {
            throw new BadInputException("--update-readme: no such file " + readme);
        }
        OutputPaths.checkDirectory("--out", out);
        if (readme != null) {
            OutputPaths.checkFile("--update-readme", readme);
            OutputPaths.checkDirectory("--update-readme", ReadmeGallery.galleryFolder(readme));
        }
        PrintWriter err = spec.commandLine().getErr();
        Context ctx = new Context(out, quick, seed, engine, err);
        List<String> failed = new Reproduction(chosen).run(ctx);
        if (readme != null) {
            ReadmeGallery.update(out, readme);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("report: " + out.resolve("report.md"));
        stdout.flush();
        if (!failed.isEmpty()) {
            err.println("dissect reproduce: failed stages: " + String.join(", ", failed));
            err.flush();
            return 1;
        }
        return 0;
    }
}
