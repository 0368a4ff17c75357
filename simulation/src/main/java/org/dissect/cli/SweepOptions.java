package org.dissect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dissect.io.BadInputException;
import org.dissect.io.OutputPaths;
import org.dissect.sweep.Grid;
import org.dissect.sweep.SweepGrid;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@code sweep sc} and {@code sweep ce} share (a picocli mixin). Every numeric option takes a grid
 * ({@link Grid}): a list {@code 2,3,5} or an inclusive range {@code 2:5} (or {@code from:to:step}).
 */
final class SweepOptions {
    @Option(names = "--classes", paramLabel = "K", description = "grid of class counts K >= 2 (with --per-class)")
    String classes;

    @Option(names = "--per-class", paramLabel = "n", description = "grid of points per class n >= 1 (the largest class with --imbalance)")
    String perClass;

    @Option(names = "--imbalance", paramLabel = "r", description = "grid of geometric imbalance ratios r >= 1: class y of K has "
        + "max(1, round(n*r^(-y/(K-1)))) points (r = 1: balanced; default 1)")
    String imbalance;

    @Option(names = "--class-sizes", paramLabel = "n0,n1,..", description = "explicit class sizes such as 6,3,3 instead of "
        + "--classes/--per-class; repeat the option for several")
    List<String> classSizes;

    @Option(names = "--dim", required = true, paramLabel = "h", description = "grid of dimensions h >= 1 (K > h+1 allowed: outside the hypotheses)")
    String dim;

    @Option(names = "--rho", paramLabel = "R", description = "grid of radii rho (SC: the sphere; CE: the feature norm bound)")
    String rho;

    @Option(names = "--rho2", paramLabel = "R2", description = "grid of squared radii rho^2")
    String rho2;

    @Option(names = "--temperature", paramLabel = "T", description = "grid of temperatures tau (rho^2 = 1/tau)")
    String temperature;

    @Option(names = "--restarts", defaultValue = "8", paramLabel = "R", description = "seeded starts per cell, at least 1")
    int restarts;

    @Option(names = "--steps", paramLabel = "S", description = "step limit of each descent (default as dissect simulate: "
        + "exact 2000, full 5000, sampled 20000, ce 20000)")
    Integer steps;

    @Option(names = "--lr", paramLabel = "eta", description = "first trial step (default: sampled 1.0, else 0.1)")
    Double lr;

    @Option(names = "--tolerance", defaultValue = "1e-13", paramLabel = "TOL",
        description = "a monotone descent stops when the loss falls by less than TOL (relative) over 20 steps")
    double tolerance;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "s", description = "the sweep's seed; each cell's starts derive "
        + "from it and the cell's own parameters")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "cells computed at once on local threads (default: all processors)")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the cells on Apache Spark: local[*], spark://host:7077")
    String spark;

    @Option(names = "--out", paramLabel = "DIR", description = "write cells.csv, sweep.json, best/ and manifest.json here")
    Path out;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    /** The arguments as given, for the manifest. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** @return the command line as given */
    List<String> commandLine() {
        return mixee.commandLine().getParseResult().originalArgs();
    }

    /**
     * @return the class-size vectors the options give
     * @throws BadInputException if they are missing, mixed, or do not parse
     */
    List<int[]> classSizes() {
        if (classSizes != null && !classSizes.isEmpty()) {
            if (classes != null || perClass != null || imbalance != null) {
                throw new BadInputException("--class-sizes replaces --classes, --per-class and --imbalance: give one or the other");
            }
            List<int[]> out = new ArrayList<>();
            for (String s : classSizes) {
                String[] parts = s.split(",", -1);
                if (parts.length < 2) {
                    throw new BadInputException("--class-sizes " + s + ": give at least two classes, e.g. 6,3,3");
                }
                int[] sizes = new int[parts.length];
                for (int y = 0; y < parts.length; y++) {
                    int[] v = Grid.integers("--class-sizes", parts[y], 1);
                    if (v.length != 1) {
                        throw new BadInputException("--class-sizes " + s + ": each class size is one number (repeat the option for several)");
                    }
                    sizes[y] = v[0];
                }
                if (Arrays.stream(sizes).asLongStream().sum() > Integer.MAX_VALUE) {
                    throw new BadInputException("--class-sizes " + s + ": more than 2^31-1 points");
                }
                out.add(sizes);
            }
            return out;
        }
        if (classes == null || perClass == null) {
            throw new BadInputException("give --classes and --per-class (grids), or --class-sizes");
        }
        int[] ks = Grid.integers("--classes", classes, 2);
        int[] ns = Grid.integers("--per-class", perClass, 1);
        for (int k : ks) {
            for (int n : ns) {
                Options.product("--classes", k, "--per-class", n);
            }
        }
        double[] rs = imbalance == null ? new double[] {1} : Grid.positives("--imbalance", imbalance);
        return SweepGrid.classSizes(ks, ns, rs);
    }

    /**
     * @return the ρ² grid from whichever of {@code --rho}, {@code --rho2}, {@code --temperature} was given
     * @throws BadInputException unless exactly one was given, or if a value's square or reciprocal is not a finite positive double
     */
    double[] rho2s() {
        int given = (rho != null ? 1 : 0) + (rho2 != null ? 1 : 0) + (temperature != null ? 1 : 0);
        if (given != 1) {
            throw new BadInputException("give exactly one of --rho, --rho2 and --temperature (each a grid)");
        }
        if (rho2 != null) {
            return Grid.positives("--rho2", rho2);
        }
        boolean isRho = rho != null;
        double[] v = isRho ? Grid.positives("--rho", rho) : Grid.positives("--temperature", temperature);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = isRho ? v[i] * v[i] : 1 / v[i];
            if (!(out[i] > 0) || Double.isInfinite(out[i])) {
                throw new BadInputException((isRho ? "--rho " : "--temperature ") + v[i] + " gives rho^2 = " + out[i]
                    + ", not a finite positive double");
            }
        }
        return out;
    }

    /** Checks the scalar options and the output folder, before the grid is built. */
    void checkScalars() {
        Options.atLeast("--restarts", restarts, 1);
        if (steps != null) {
            Options.atLeast("--steps", steps, 1);
        }
        if (lr != null && !(lr > 0 && !lr.isInfinite())) {
            throw new BadInputException("--lr must be finite and positive, got " + lr);
        }
        if (!(tolerance >= 0)) {
            throw new BadInputException("--tolerance must be non-negative, got " + tolerance);
        }
        threads();
        if (out != null) {
            OutputPaths.checkDirectory("--out", out);
        }
    }

    /** @return {@code --threads}, or every available processor */
    int threads() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : Options.threads(threads);
    }
}
