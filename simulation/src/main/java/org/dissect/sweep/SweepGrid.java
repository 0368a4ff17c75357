package org.dissect.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.dissect.descent.ScMode;
import org.dissect.io.BadInputException;

/**
 * A sweep's grid: the lists of values of each option, and the cells they span (their Cartesian product, in the
 * order class sizes, h, mode, b, ρ², λ, the last varying fastest). In full mode the batch is the whole data set, so
 * the batch list does not multiply its cells; CE has no batch and no mode.
 *
 * @param loss SC or CE
 * @param classSizes the class-size vectors, each {@code n_0, …, n_{K-1}}
 * @param dims the values of h
 * @param batches the values of b (SC exact and sampled)
 * @param rho2s the values of ρ²
 * @param lambdas the values of λ (CE)
 * @param modes the SC modes (ignored for CE)
 * @param restarts R
 * @param steps the step limit, or null for the mode's default ({@link #defaultSteps})
 * @param learningRate the first step, or null for the mode's default ({@link #defaultLearningRate})
 * @param tolerance the monotone descent's stopping tolerance
 * @param seed the sweep's seed
 */
public record SweepGrid(Loss loss, List<int[]> classSizes, int[] dims, int[] batches, double[] rho2s, double[] lambdas,
                        List<ScMode> modes, int restarts, Integer steps, Double learningRate, double tolerance, long seed) {
    /** The most cells one sweep may hold. */
    public static final long MAX_CELLS = 1_000_000;

    /**
     * The class-size vectors of K classes of n points, made imbalanced by geometric ratios: class y gets
     * {@code max(1, round(n·r^{-y/(K-1)}))} points, so class 0 has n, the last class {@code n/r}, and r = 1 is balanced.
     *
     * @param classes the values of K
     * @param perClass the values of n (the largest class)
     * @param imbalance the ratios r ≥ 1 (a list holding 1 alone: balanced only)
     * @return one vector per (K, n, r), in that order
     */
    public static List<int[]> classSizes(int[] classes, int[] perClass, double[] imbalance) {
        List<int[]> out = new ArrayList<>();
        for (int k : classes) {
            for (int n : perClass) {
                for (double r : imbalance) {
                    if (r < 1) {
                        throw new BadInputException("--imbalance must be at least 1 (the largest class over the smallest), got " + r);
                    }
                    int[] sizes = new int[k];
                    for (int y = 0; y < k; y++) {
                        sizes[y] = (int) Math.max(1, Math.round(n * Math.pow(r, -(double) y / (k - 1))));
                    }
                    out.add(sizes);
                }
            }
        }
        return out;
    }

    /**
     * @param mode the SC mode, or null for CE
     * @return the step limit of {@code dissect simulate}: exact 2000, full 5000, sampled and CE 20000
     */
    public static int defaultSteps(ScMode mode) {
        if (mode == null) {
            return 20_000;
        }
        return switch (mode) {
            case EXACT -> 2000;
            case FULL -> 5000;
            case SAMPLED -> 20_000;
        };
    }

    /**
     * @param mode the SC mode, or null for CE
     * @return the first step of {@code dissect simulate}: 1.0 for SGD (sampled), else 0.1
     */
    public static double defaultLearningRate(ScMode mode) {
        return mode == ScMode.SAMPLED ? 1.0 : 0.1;
    }

    /**
     * @return the number of cells, computed without building them
     */
    public long count() {
        long perSizes = 0;
        List<ScMode> ms = loss == Loss.CE ? Collections.singletonList(null) : modes;
        for (ScMode m : ms) {
            perSizes += m == null ? lambdas.length : m == ScMode.FULL ? 1 : batches.length;
        }
        double total = (double) classSizes.size() * dims.length * perSizes * rho2s.length;
        return total > MAX_CELLS ? Long.MAX_VALUE : (long) total;
    }

    /**
     * @return the cells, in grid order
     * @throws BadInputException if the grid holds no cell or more than {@link #MAX_CELLS}
     */
    public List<Cell> cells() {
        long count = count();
        if (count == 0) {
            throw new BadInputException("the grid holds no cell");
        }
        if (count > MAX_CELLS) {
            throw new BadInputException("the grid holds more than " + MAX_CELLS + " cells; split the sweep");
        }
        List<Cell> cells = new ArrayList<>((int) count);
        for (int[] sizes : classSizes) {
            for (int h : dims) {
                if (loss == Loss.CE) {
                    for (double rho2 : rho2s) {
                        for (double lambda : lambdas) {
                            cells.add(cell(sizes, h, 0, rho2, lambda, null));
                        }
                    }
                    continue;
                }
                for (ScMode m : modes) {
                    int[] bs = m == ScMode.FULL ? new int[] {0} : batches;
                    for (int b : bs) {
                        for (double rho2 : rho2s) {
                            cells.add(cell(sizes, h, b, rho2, 0, m));
                        }
                    }
                }
            }
        }
        return cells;
    }

    private Cell cell(int[] sizes, int h, int b, double rho2, double lambda, ScMode m) {
        int s = steps != null ? steps : defaultSteps(m);
        double lr = learningRate != null ? learningRate : defaultLearningRate(m);
        int batch = m == ScMode.FULL ? Arrays.stream(sizes).sum() : b;
        return new Cell(loss, sizes.clone(), h, batch, rho2, lambda, m, restarts, s, lr, tolerance, seed);
    }
}
