package org.dissect.bench;

import org.dissect.enumeration.EnumerationProblem;

/** The point configurations the enumeration benchmarks run on. */
public final class EnumerationSettings {
    private EnumerationSettings() {
    }

    /**
     * K classes of n points on the unit circle, each at a fixed pseudo-random angle (a generic configuration:
     * no ties, every batch loss distinct), labels balanced.
     *
     * @param name {@code fig6} (N=12, K=3, b=9: 167,960 batches, the paper's Fig. 6) or {@code n30b8}
     *        (N=30, K=3, b=8: 38,608,020 batches)
     * @return the problem
     */
    public static EnumerationProblem problem(String name) {
        return switch (name) {
            case "fig6" -> circle(3, 4, 9);
            case "n30b8" -> circle(3, 10, 8);
            default -> throw new IllegalArgumentException("unknown setting " + name);
        };
    }

    static EnumerationProblem circle(int classes, int perClass, int batch) {
        int n = classes * perClass;
        double[][] z = new double[n][2];
        int[] labels = new int[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(2021);
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            double a = 2 * Math.PI * random.nextDouble();
            z[i][0] = Math.cos(a);
            z[i][1] = Math.sin(a);
        }
        return new EnumerationProblem(z, labels, classes, batch);
    }
}
