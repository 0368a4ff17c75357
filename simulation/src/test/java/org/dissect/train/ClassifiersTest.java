package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.descent.JavaCeGradient;
import org.junit.jupiter.api.Test;

class ClassifiersTest {
    @Test
    void classMeansAndTheirClassifier() {
        double[] z = {1, 0, 3, 0, 0, 2, 0, 4};
        int[] y = {0, 0, 1, 1};
        assertArrayEquals(new double[] {2, 0, 0, 3}, Classifiers.classMeans(z, 2, y, 2));
        assertArrayEquals(new double[] {2, 0, 0, 0}, Classifiers.classMeans(new double[] {2, 0}, 2, new int[] {0}, 2));
        assertArrayEquals(new int[] {0, 0, 1, 1}, Classifiers.predict(z, 2, Classifiers.classMeans(z, 2, y, 2), 2));
        // a tie goes to the smaller class
        assertArrayEquals(new int[] {0}, Classifiers.predict(new double[] {1, 1}, 2, new double[] {1, 0, 0, 1}, 2));
        assertEquals(0.75, Classifiers.accuracy(z, 2, new double[] {1, 0, 0, 1}, 2, new int[] {0, 0, 1, 0}));
    }

    /** Five well separated clusters in 6-D: the probe (1,000 steps from W = 0) classifies every point. */
    @Test
    void theProbeSeparatesSeparableFeatures() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9);
        int n = 200;
        int dim = 6;
        double[] z = new double[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 5;
            z[i * dim + y[i]] = 1;
            for (int k = 0; k < dim; k++) {
                z[i * dim + k] += 0.2 * (rng.nextDouble() - 0.5);
            }
        }
        try (JavaCeGradient ce = new JavaCeGradient()) {
            double[] w = Classifiers.probe(z, dim, y, 5, ce, rng);
            assertEquals(1.0, Classifiers.accuracy(z, dim, w, 5, y));
        }
    }
}
