package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.theory.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointsTest {
    private static double norm(double[] z, int n, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            s += z[n * dim + k] * z[n * dim + k];
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void sphereSamplesHaveNormRhoAndNoPreferredSide(int dim) {
        double[] z = Points.uniformOnSphere(4000, dim, 2.5, ScSimulation.stream(3));
        double[] mean = new double[dim];
        for (int n = 0; n < 4000; n++) {
            assertEquals(2.5, norm(z, n, dim), 1e-14);
            for (int k = 0; k < dim; k++) {
                mean[k] += z[n * dim + k] / 4000;
            }
        }
        // the mean of 4000 uniform directions has a standard deviation of 2.5/sqrt(4000·h) per coordinate
        for (double m : mean) {
            assertEquals(0, m, 5 * 2.5 / Math.sqrt(4000 * dim));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void ballSamplesAreUniformInVolume(int dim) {
        // P(‖z‖ ≤ ρ/2) = 2^-h for a uniform ball; 20,000 draws: standard deviation below 0.0036
        double[] z = Points.uniformInBall(20_000, dim, 3, ScSimulation.stream(5));
        // and E‖z‖/ρ = h/(h+1), with a standard deviation of the mean below 0.002
        int inner = 0;
        double mean = 0;
        for (int n = 0; n < 20_000; n++) {
            double r = norm(z, n, dim);
            assertTrue(r <= 3 + 1e-12);
            inner += r <= 1.5 ? 1 : 0;
            mean += r / 3 / 20_000;
        }
        assertEquals(Math.pow(2, -dim), inner / 20_000.0, 0.02);
        assertEquals(dim / (dim + 1.0), mean, 0.01);
    }

    @Test
    void projectionsMoveOnlyWhatTheyMust() {
        double[] z = {3, 4, 0.3, 0.4, 0, 0.5};
        Points.projectToBall(z, 0, 2, 1);
        assertArrayEquals(new double[] {0.6, 0.8, 0.3, 0.4, 0, 0.5}, z, 1e-15);
        Points.projectToSphere(z, 2, 2);
        assertArrayEquals(new double[] {1.2, 1.6, 1.2, 1.6, 0, 2}, z, 1e-15);
    }

    @Test
    void theTangentProjectionRemovesTheRadialPartOnly() {
        UniformRandomProvider rng = ScSimulation.stream(11);
        int dim = 4;
        double[] z = Points.uniformOnSphere(5, dim, 1.7, rng);
        double[] g = new double[20];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextDouble(-1, 1);
        }
        double[] projected = g.clone();
        Points.projectToTangent(z, projected, dim);
        double[][] zr = Points.rows(z, dim);
        double[][] gr = Points.rows(g, dim);
        double[][] pr = Points.rows(projected, dim);
        for (int n = 0; n < 5; n++) {
            assertEquals(0, Vectors.dot(pr[n], zr[n]), 1e-15, "tangent");
            // g = projected + (<g, z>/ρ²) z
            double c = Vectors.dot(gr[n], zr[n]) / (1.7 * 1.7);
            for (int k = 0; k < dim; k++) {
                assertEquals(gr[n][k], pr[n][k] + c * zr[n][k], 1e-15);
            }
        }
    }

    @Test
    void rowsAndFlatAreInverse() {
        double[] z = {1, 2, 3, 4, 5, 6};
        double[][] rows = Points.rows(z, 3);
        assertArrayEquals(new double[] {4, 5, 6}, rows[1]);
        assertEquals(2, rows.length);
        assertArrayEquals(z, Points.flat(rows));
        assertEquals(0, Points.flat(new double[0][]).length);
        assertThrows(IllegalArgumentException.class, () -> Points.rows(z, 0));
    }
}
