package org.dissect.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.JavaEnumeration;
import org.dissect.theory.CrossEntropy;
import org.dissect.theory.SupervisedContrastive;
import org.junit.jupiter.api.Test;

/** The simulations' bookkeeping (steps, traces, listeners, timings) and SGD's update, step by step. */
class SimulationsTest {

    @Test
    void sgdStepsAreRiemannianStepsOfTheMeanAnchorLossWithADecayingRate() {
        // K=2, n=2 in R^3, b=3, 3 steps of η_t = η₀/(1 + 1000 t/T): each step recomputed here from Definition 2's
        // per-copy gradient (the engine's, checked against finite differences elsewhere) and the batch stream
        ScSimulation.Settings s = new ScSimulation.Settings(2, 2, 3, 3, 2.0, ScMode.SAMPLED, 3, 0.5, 0, 4L);
        double[] start = ScSimulation.initialPoints(s);
        List<double[]> seen = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        ScSimulation.Result r = ScSimulation.run(s, start, new JavaScBatchGradient(), null, (step, v, x) -> {
            seen.add(x.clone());
            losses.add(v);
        });
        MultisetSampler sampler = new MultisetSampler(4, 3, ScSimulation.stream(5L));
        int[] labels = ScSimulation.balancedLabels(2, 2);
        double[] z = start.clone();
        for (int t = 0; t < 3; t++) {
            int[] batch = sampler.next(new int[3]);
            double[] g = new double[9];
            double loss = new JavaScBatchGradient().lossAndGradient(z, 3, labels, batch, g);
            assertEquals(SupervisedContrastive.batchLoss(Points.rows(z, 3), labels, batch) / 3, losses.get(t), 1e-14);
            double eta = 0.5 / (1 + 1000.0 * t / 3) / 3;
            double[] next = z.clone();
            for (int p = 0; p < 3; p++) {
                double[] zp = java.util.Arrays.copyOfRange(z, batch[p] * 3, batch[p] * 3 + 3);
                double radial = (zp[0] * g[3 * p] + zp[1] * g[3 * p + 1] + zp[2] * g[3 * p + 2]) / 2.0;
                for (int k = 0; k < 3; k++) {
                    next[batch[p] * 3 + k] -= eta * (g[3 * p + k] - radial * zp[k]);
                }
            }
            Points.projectToSphere(next, 3, Math.sqrt(2));
            assertArrayEquals(next, seen.get(t), 1e-14, "step " + (t + 1));
            assertEquals(loss / 3, losses.get(t), 1e-14);
            z = next;
        }
        assertArrayEquals(z, r.points(), 1e-14);
        assertEquals(3, r.steps());
        assertEquals(false, r.converged());
        assertEquals("SGD ran its 3 steps", r.stopReason());
        // recorded every 10th step and at the last one
        assertEquals(2, r.trace().size());
        assertEquals(0, r.trace().step(0));
        assertEquals(2, r.trace().step(1));
        assertEquals(losses.get(0), r.trace().value(0), 0.0);
        assertEquals(losses.get(2), r.trace().last(), 0.0);
        assertEquals(RanOn.java(1), r.engine());
    }

    @Test
    void fullBatchRunsStartFromTheStartRetractedOntoTheSphereAndReportEveryStep() {
        ScSimulation.Settings s = new ScSimulation.Settings(2, 3, 2, 0, 1.5, ScMode.FULL, 25, 0.1, 0, 2L);
        double[] start = ScSimulation.initialPoints(s);
        double[] doubled = start.clone();
        for (int i = 0; i < doubled.length; i++) {
            doubled[i] *= 2;
        }
        List<Double> values = new ArrayList<>();
        long t0 = System.nanoTime();
        ScSimulation.Result r = ScSimulation.run(s, doubled, new JavaScBatchGradient(), null, (step, v, x) -> values.add(v));
        double wall = (System.nanoTime() - t0) * 1e-9;
        int[] all = {0, 1, 2, 3, 4, 5};
        assertEquals(SupervisedContrastive.batchLoss(Points.rows(start, 2), r.labels(), all), values.get(0), 1e-12);
        assertEquals(values.size(), r.trace().size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(values.get(i), r.trace().value(i), 0.0);
            assertEquals(i, r.trace().step(i));
        }
        assertEquals(r.steps() + 1, values.size());
        assertTrue(r.seconds() > 0 && r.seconds() <= wall, r.seconds() + " of " + wall);
        assertEquals(2 * 3, s.effectiveBatch());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, r.labels());
    }

    @Test
    void exactModeNeedsAnEnumerationEngineAndReportsWhereItRan() {
        ScSimulation.Settings s = new ScSimulation.Settings(2, 2, 2, 3, 1.0, ScMode.EXACT, 2, 0.1, 0, 1L);
        assertThrows(IllegalArgumentException.class,
            () -> ScSimulation.run(s, ScSimulation.initialPoints(s), new JavaScBatchGradient(), null, StepListener.NONE));
        try (Enumeration engine = new JavaEnumeration(1)) {
            EnumeratedScLoss exact = new EnumeratedScLoss(engine, ScSimulation.balancedLabels(2, 2), 2, 3, 2);
            assertEquals(RanOn.java(1), exact.engine(), "the engine's report before the first run");
            double[] z = ScSimulation.initialPoints(s);
            double[] g = new double[z.length];
            double withGradient = exact.meanLossAndGradient(z, g);
            assertEquals(RanOn.java(1), exact.engine());
            double lossOnly = exact.meanLossAndGradient(z, null);
            EnumerationProblem p = new EnumerationProblem(Points.rows(z, 2), ScSimulation.balancedLabels(2, 2), 2, 3);
            double mean = engine.enumerate(p, EnumerationRequest.loss()).meanLoss();
            assertEquals(mean, lossOnly, 1e-15);
            assertEquals(mean, withGradient, 1e-15);
            ScSimulation.Result r = ScSimulation.run(s, z, new JavaScBatchGradient(), exact, StepListener.NONE);
            assertEquals(RanOn.java(1), r.engine());
            assertTrue(r.trace().last() <= mean);
        }
    }

    @Test
    void crossEntropyRunsRecordEveryStepAndSplitTheirVariables() {
        CeSimulation.Settings s = new CeSimulation.Settings(3, 4, 2, 1.0, 0.1, false, 30, 0.1, 0, 3L);
        List<double[]> xs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        long t0 = System.nanoTime();
        CeSimulation.Result r = CeSimulation.run(s, new JavaCeGradient(), (step, v, x) -> {
            xs.add(x.clone());
            values.add(v);
        });
        double wall = (System.nanoTime() - t0) * 1e-9;
        assertEquals(12, s.size());
        assertEquals(r.steps() + 1, values.size());
        assertEquals(values.size(), r.trace().size());
        assertEquals(values.get(values.size() - 1), r.trace().last(), 0.0);
        double[] last = xs.get(xs.size() - 1);
        assertArrayEquals(r.weights(), CeSimulation.weightsOf(s, last));
        assertArrayEquals(r.points(), CeSimulation.pointsOf(s, last));
        assertEquals(6 + 24, last.length);
        double ce = CrossEntropy.loss(Points.rows(r.points(), 2), Points.rows(r.weights(), 2), r.labels());
        assertEquals(ce, r.crossEntropy(), 1e-14);
        assertEquals(values.get(values.size() - 1), r.loss(), 1e-14);
        assertTrue(r.seconds() > 0 && r.seconds() <= wall);
        assertEquals(RanOn.java(1), r.engine());
        // CE-fix: the variables are the points alone, the weights the scaled simplex
        CeSimulation.Settings fixed = new CeSimulation.Settings(3, 4, 2, 1.0, 0.1, true, 5, 0.1, 0, 3L);
        double[] x = new double[24];
        assertArrayEquals(CeSimulation.simplexWeights(fixed), CeSimulation.weightsOf(fixed, x));
        assertEquals(24, CeSimulation.pointsOf(fixed, x).length);
        assertThrows(IllegalArgumentException.class, () -> new CeSimulation.Settings(4, 1, 2, 1, 0.1, true, 1, 0.1, 0, 1));
        new CeSimulation.Settings(4, 1, 2, 1, 0.1, false, 1, 0.1, 0, 1);
    }

    @Test
    void theCrossEntropyObjectiveWithFixedWeightsHasThePointsAsItsVariables() {
        int[] labels = {0, 1, 1};
        double[] w = {1, 0, -1, 0};
        CrossEntropyObjective f = new CrossEntropyObjective(2, 2, labels, 1.0, 0.5, w, new JavaCeGradient());
        assertEquals(6, f.size());
        double[] z = {0.5, 0, 2, 0, -0.1, 0.2};
        double[] x = f.variables(new double[] {9, 9, 9, 9}, z);
        assertArrayEquals(z, x);
        assertArrayEquals(w, f.weights(x));
        assertArrayEquals(z, f.points(x));
        f.project(x);
        assertArrayEquals(new double[] {0.5, 0, 1, 0, -0.1, 0.2}, x, 1e-15, "points into the ball");
        double[] g = {1, 1, 1, 1, 1, 1};
        f.precondition(g);
        assertArrayEquals(new double[] {3, 3, 3, 3, 3, 3}, g, "points' gradients times N");
        double[] parts = f.parts(x);
        assertEquals(CrossEntropy.loss(Points.rows(x, 2), Points.rows(w, 2), labels), parts[0], 1e-15);
        assertEquals(0.5 * 2, parts[1], 1e-15);
        assertThrows(IllegalArgumentException.class,
            () -> new CrossEntropyObjective(2, 2, labels, 1.0, 0.5, new double[3], new JavaCeGradient()));
        // learned weights: the weights come first in x and keep their gradients unscaled
        CrossEntropyObjective learned = new CrossEntropyObjective(2, 2, labels, 1.0, 0.5, null, new JavaCeGradient());
        double[] y = learned.variables(w, z);
        assertArrayEquals(new double[] {1, 0, -1, 0, 0.5, 0, 2, 0, -0.1, 0.2}, y);
        double[] h = new double[10];
        java.util.Arrays.fill(h, 1);
        learned.precondition(h);
        assertArrayEquals(new double[] {1, 1, 1, 1, 3, 3, 3, 3, 3, 3}, h);
    }

    @Test
    void sgdRecordsEveryTenthStepAndTheLastAndTellsTheListenerEveryStep() {
        ScSimulation.Settings s = new ScSimulation.Settings(2, 2, 2, 3, 1.0, ScMode.SAMPLED, 12, 0.1, 0, 9L);
        List<Integer> steps = new ArrayList<>();
        ScSimulation.Result r = ScSimulation.run(s, ScSimulation.initialPoints(s), new JavaScBatchGradient(), null,
            (step, v, x) -> steps.add(step));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), steps);
        assertEquals(3, r.trace().size());
        assertEquals(List.of(0L, 10L, 11L), List.of(r.trace().step(0), r.trace().step(1), r.trace().step(2)));
    }

    @Test
    void theSphereObjectiveReturnsTangentGradients() {
        double[] z = Points.uniformOnSphere(4, 3, 1.3, ScSimulation.stream(8));
        OnSphere f = new OnSphere((x, g) -> {
            for (int i = 0; i < g.length; i++) {
                g[i] = 1 + i;
            }
            return 7;
        }, 3, 1.3);
        double[] g = new double[12];
        assertEquals(7, f.valueAndGradient(z, g), 0.0);
        for (int n = 0; n < 4; n++) {
            double radial = 0;
            for (int k = 0; k < 3; k++) {
                radial += g[3 * n + k] * z[3 * n + k];
            }
            assertEquals(0, radial, 1e-14);
        }
        double[] off = {2, 0, 0};
        f.project(off);
        assertArrayEquals(new double[] {1.3, 0, 0}, off, 1e-15);
    }

    @Test
    void tracesGrowAndKeepEveryRecord() {
        LossTrace t = new LossTrace();
        for (int i = 0; i < 200; i++) {
            t.add(3L * i, i * 0.5);
        }
        assertEquals(200, t.size());
        assertEquals(3 * 150, t.step(150));
        assertEquals(75, t.value(150), 0.0);
        assertEquals(99.5, t.last(), 0.0);
    }

    @Test
    void samplersFillTheArrayTheyAreGiven() {
        int[] batch = new int[4];
        assertTrue(batch == new MultisetSampler(5, 4, ScSimulation.stream(1)).next(batch));
    }
}
