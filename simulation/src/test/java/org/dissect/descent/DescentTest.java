package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dissect.engine.Engine;
import org.dissect.enumeration.Enumeration;
import org.dissect.theory.CrossEntropy;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import org.dissect.theory.RegularSimplex;
import org.dissect.theory.SupervisedContrastiveBound;
import org.dissect.theory.Vectors;
import org.junit.jupiter.api.Test;

class DescentTest {

    @Test
    void fullBatchDescentReachesFigure1TopValue() {
        ScSimulation.Settings s = new ScSimulation.Settings(3, 100, 2, 0, 5.0, ScMode.FULL, 5000, 0.1, 1e-13, 7L);
        List<Double> values = new ArrayList<>();
        ScSimulation.Result r = ScSimulation.run(s, ScSimulation.initialPoints(s), new JavaScBatchGradient(), null,
            (step, v, x) -> values.add(v));
        // Per-anchor loss of the balanced full batch at the simplex: log(99 + 200 e^{-7.5}) (THEORY.md).
        double target = Math.log(99 + 200 * Math.exp(-7.5));
        assertEquals(4.59624, target, 5e-6);
        assertEquals(target, r.trace().last() / 300, 1e-4);
        assertTrue(r.trace().last() / 300 >= target - 1e-12, "never below the simplex level");
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i) <= values.get(i - 1), "monotone at step " + i);
        }
    }

    @Test
    void exactDescentOnFigure6SettingMeetsTheTheorem2BoundMonotonically() {
        ScSimulation.Settings s = new ScSimulation.Settings(3, 4, 2, 9, 1.0, ScMode.EXACT, 2000, 0.1, 1e-13, 1L);
        List<Double> values = new ArrayList<>();
        try (Enumeration engine = Engines.enumeration(Engine.JAVA, 2)) {
            EnumeratedScLoss exact = new EnumeratedScLoss(engine, ScSimulation.balancedLabels(3, 4), 3, 9, 2);
            ScSimulation.Result r = ScSimulation.run(s, ScSimulation.initialPoints(s), new JavaScBatchGradient(), exact,
                (step, v, x) -> values.add(v));
            double bound = new SupervisedContrastiveBound(3, 4, 9, 1.0).meanBound();
            // The target: within 2e-5 above 12.120150 (the bound is 12.1201501274).
            assertTrue(r.trace().last() - bound < 2e-5, "gap " + (r.trace().last() - bound));
            assertTrue(r.trace().last() >= bound - 1e-12 * bound, "never below the bound");
            for (int i = 1; i < values.size(); i++) {
                assertTrue(values.get(i) <= values.get(i - 1), "monotone at step " + i);
            }
            double[][] means = Vectors.classMeans(Points.rows(r.points(), 2), r.labels(), 3);
            assertTrue(RegularSimplex.deviation(means, 1.0).max() < 1e-3, "class means form the simplex");
        }
    }

    @Test
    void fullBatchDescentStartedAtTheSimplexStaysThere() {
        ScSimulation.Settings s = new ScSimulation.Settings(4, 3, 3, 0, 2.0, ScMode.FULL, 200, 0.1, 1e-13, 1L);
        double[][] zeta = RegularSimplex.regularSimplex(4, 3, Math.sqrt(2));
        double[] z = new double[12 * 3];
        for (int n = 0; n < 12; n++) {
            System.arraycopy(zeta[n / 3], 0, z, n * 3, 3);
        }
        ScSimulation.Result r = ScSimulation.run(s, z, new JavaScBatchGradient(), null, StepListener.NONE);
        for (int i = 0; i < z.length; i++) {
            assertEquals(z[i], r.points()[i], 1e-12);
        }
        double level = new SupervisedContrastiveBound(4, 3, 12, 2.0).classLevel(3) * 4;
        assertEquals(level, r.trace().last(), 1e-12 * level);
    }

    @Test
    void crossEntropyDescentReachesCorollary2() {
        CeSimulation.Settings s = new CeSimulation.Settings(3, 100, 2, 1.0, 0.01, false, 20000, 0.1, 1e-13, 3L);
        CeSimulation.Result r = CeSimulation.run(s, new JavaCeGradient(), StepListener.NONE);
        PenalizedBound bound = CrossEntropyBounds.corollary2(3, 1.0, 0.01);
        double[][] w = Points.rows(r.weights(), 2);
        double meanNorm = 0;
        for (double[] row : w) {
            meanNorm += Vectors.norm(row) / 3;
        }
        assertEquals(2.06657, bound.rW(), 5e-6);
        assertEquals(bound.rW(), meanNorm, 1e-3 * bound.rW());
        // The loss recomputed independently by the theory library.
        double direct = CrossEntropy.regularizedLoss(Points.rows(r.points(), 2), w, r.labels(), 0.01);
        assertEquals(direct, r.loss(), 1e-12);
        assertTrue(r.loss() - bound.bound() < 1e-4 && r.loss() - bound.bound() > -1e-12, "gap " + (r.loss() - bound.bound()));
    }

    @Test
    void crossEntropyWithFixedSimplexWeightsReachesCorollary2() {
        CeSimulation.Settings s = new CeSimulation.Settings(4, 20, 5, 2.0, 0.05, true, 20000, 0.1, 1e-13, 5L);
        CeSimulation.Result r = CeSimulation.run(s, new JavaCeGradient(), StepListener.NONE);
        double bound = CrossEntropyBounds.corollary2(4, 2.0, 0.05).bound();
        assertTrue(r.loss() - bound < 1e-6 && r.loss() - bound > -1e-12, "gap " + (r.loss() - bound));
    }

    @Test
    void crossEntropyObjectiveGradientMatchesFiniteDifferences() {
        int[] labels = {0, 1, 2, 1, 0, 2, 2};
        CrossEntropyObjective f = new CrossEntropyObjective(3, 2, labels, 1.0, 0.3, null, new JavaCeGradient());
        double[] x = Points.uniformInBall(f.size() / 2, 2, 1.0, ScSimulation.stream(9));
        double[] g = new double[x.length];
        double v = f.valueAndGradient(x, g);
        double[] w = f.weights(x);
        assertEquals(CrossEntropy.regularizedLoss(Points.rows(f.points(x), 2), Points.rows(w, 2), labels, 0.3), v, 1e-14);
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (f.valueAndGradient(plus, new double[x.length]) - f.valueAndGradient(minus, new double[x.length])) / (2 * h);
            // Central differences on an O(1) smooth function: error ~1e-10.
            assertEquals(fd, g[i], 1e-8, "coordinate " + i);
        }
    }

    @Test
    void sampledSgdOnFigure6SettingApproachesTheBound() {
        ScSimulation.Settings s = new ScSimulation.Settings(3, 4, 2, 9, 1.0, ScMode.SAMPLED, 20000, 1.0, 0, 11L);
        ScSimulation.Result r = ScSimulation.run(s, ScSimulation.initialPoints(s), new JavaScBatchGradient(), null, StepListener.NONE);
        // SGD noise leaves the points spread by about 1e-2; the class means still form the triangle.
        double[][] z = Points.rows(r.points(), 2);
        double[][] means = Vectors.classMeans(z, r.labels(), 3);
        for (int y = 0; y < 3; y++) {
            for (int y2 = y + 1; y2 < 3; y2++) {
                double cos = Vectors.dot(means[y], means[y2]) / (Vectors.norm(means[y]) * Vectors.norm(means[y2]));
                assertEquals(-0.5, cos, 0.02, "class means at 120 degrees");
            }
        }
    }
}
