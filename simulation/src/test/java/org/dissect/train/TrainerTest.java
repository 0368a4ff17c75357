package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.dissect.blas.OpenBlas;
import org.dissect.data.Dataset;
import org.dissect.data.Datasets;
import org.dissect.data.LabelCorruption;
import org.dissect.engine.Engine;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.SupervisedContrastiveBound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {
    private static final Dataset DIGITS = Datasets.digits();

    private static TrainSettings small(TrainingLoss loss, int iterations, int every) {
        return new TrainSettings(new int[] {24, 12}, loss, iterations, every, 32, 10, TrainSettings.PAPER_SGD, 3, false, 50);
    }

    private static TrainResult run(TrainSettings s, double p, Engine engine) {
        Experiment e = Experiment.prepare(DIGITS, 12, LabelCorruption.FLIP, p, 4);
        return Trainer.train(s, e.set(), engine, 1, x -> { });
    }

    @ParameterizedTest
    @EnumSource(TrainingLoss.class)
    void theSameSeedGivesTheSameBits(TrainingLoss loss) {
        TrainResult a = run(small(loss, 30, 10), 0.3, Engine.JAVA);
        TrainResult b = run(small(loss, 30, 10), 0.3, Engine.JAVA);
        assertArrayEquals(a.trainFeatures(), b.trainFeatures());
        assertArrayEquals(a.testFeatures(), b.testFeatures());
        for (int i = 0; i < a.parameters().length; i++) {
            assertArrayEquals(a.parameters()[i], b.parameters()[i]);
        }
        assertEquals(a.trace().stream().map(e -> e.meanBatchLoss()).toList(), b.trace().stream().map(e -> e.meanBatchLoss()).toList());
        assertEquals(a.finalLoss().loss(), b.finalLoss().loss());
    }

    /** Thirty steps on either engine: the products round differently, the runs agree far beyond what would show. */
    @ParameterizedTest
    @EnumSource(TrainingLoss.class)
    void javaAndOpenBlasTrainTheSameEncoder(TrainingLoss loss) {
        assumeTrue(OpenBlas.available());
        TrainResult java = run(small(loss, 30, 10), 0, Engine.JAVA);
        TrainResult blas = run(small(loss, 30, 10), 0, Engine.BLAS);
        assertEquals(Engine.JAVA, java.engine().kind());
        assertEquals(Engine.BLAS, blas.engine().kind());
        double[] a = java.trainFeatures();
        double[] b = blas.trainFeatures();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-8 * (1 + Math.abs(a[i])), "feature coordinate " + i);
        }
        assertEquals(java.finalLoss().loss(), blas.finalLoss().loss(), 1e-8 * Math.abs(java.finalLoss().loss()));
    }

    @Test
    void timeToFitIsTheFirstEvaluationWithZeroTrainingErrorUnderTheHead() {
        TrainResult r = run(small(TrainingLoss.CE, 600, 20), 0, Engine.JAVA);
        assertTrue(r.fitted(), r.trace().toString());
        int t = r.timeToFit().getAsInt();
        assertEquals(0, t % 20);
        for (Evaluation e : r.trace()) {
            if (e.iteration() < t) {
                assertTrue(e.headAccuracy() < 1, e.toString());
            }
            if (e.iteration() == t) {
                assertEquals(1.0, e.headAccuracy());
            }
        }
        assertEquals(600, r.iterationsRun());
        TrainResult stopped = run(small(TrainingLoss.CE, 600, 20).withStopAtFit(true), 0, Engine.JAVA);
        assertEquals(t, stopped.iterationsRun());
        assertEquals(t, stopped.trace().get(stopped.trace().size() - 1).iteration());
    }

    @Test
    void scFitsByTheRetrainedProbeAndHasNoHead() {
        TrainResult r = run(small(TrainingLoss.SC, 400, 50), 0, Engine.JAVA);
        assertEquals(null, r.head());
        assertEquals(null, r.trainAccuracy().head());
        for (Evaluation e : r.trace()) {
            assertEquals(null, e.headAccuracy());
            assertEquals(e.fitted(), e.probeAccuracy() == 1.0);
        }
        // on the rho-sphere
        for (int i = 0; i < r.trainLabels().length; i++) {
            double s = 0;
            for (int k = 0; k < 12; k++) {
                s += r.trainFeatures()[i * 12 + k] * r.trainFeatures()[i * 12 + k];
            }
            assertEquals(10, s, 1e-12);
        }
    }

    /** Theorem 2 holds for any balanced features on the sphere: the trained encoder's mean batch loss is above it. */
    @Test
    void scFinalLossLiesAboveTheTheorem2Bound() {
        TrainResult r = run(small(TrainingLoss.SC, 200, 100), 0, Engine.JAVA);
        FinalLoss f = r.finalLoss();
        double bound = new SupervisedContrastiveBound(10, 12, 32, 10).meanBound();
        assertEquals(bound, f.bound());
        assertTrue(f.loss() > bound - 4 * f.standardError(), f.toString());
        assertTrue(f.standardError() > 0 && f.batches() == 50, f.toString());
    }

    @ParameterizedTest
    @EnumSource(value = TrainingLoss.class, names = {"CE", "CE_FIX"})
    void ceFinalLossLiesAboveTheorem1AtTheObservedNorms(TrainingLoss loss) {
        TrainResult r = run(small(loss, 200, 100), 0, Engine.JAVA);
        double rho = 0;
        int h = 12;
        for (int i = 0; i < r.trainLabels().length; i++) {
            double s = 0;
            for (int k = 0; k < h; k++) {
                s += r.trainFeatures()[i * h + k] * r.trainFeatures()[i * h + k];
            }
            rho = Math.max(rho, Math.sqrt(s));
        }
        double frob = Math.sqrt(java.util.Arrays.stream(r.head()).map(v -> v * v).sum());
        assertEquals(CrossEntropyBounds.theorem1(10, rho, frob), r.finalLoss().bound(), 1e-12);
        assertTrue(r.finalLoss().loss() >= r.finalLoss().bound(), r.finalLoss().toString());
        assertTrue(r.finalLoss().bound() >= r.finalLoss().corollary1(), r.finalLoss().toString());
    }

    @Test
    void ceFixKeepsItsSimplexHeadOnTheUnitSphere() {
        TrainResult r = run(small(TrainingLoss.CE_FIX, 50, 50), 0, Engine.JAVA);
        double[] w = r.head();
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                double s = 0;
                for (int k = 0; k < 12; k++) {
                    s += w[a * 12 + k] * w[b * 12 + k];
                }
                assertEquals(a == b ? 1 : -1.0 / 9, s, 1e-14);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(
            new TrainSettings(new int[] {8}, TrainingLoss.CE_FIX, 5, 5, 8, 10, TrainSettings.PAPER_SGD, 1, false, 10),
            Experiment.prepare(DIGITS, 5, LabelCorruption.FLIP, 0, 1).set(), Engine.JAVA, 1, x -> { }));
    }

    @Test
    void aDeadEncoderIsRecognisedAndATrainedOneIsNot() {
        TrainResult trained = run(small(TrainingLoss.SC, 100, 50), 0, Engine.JAVA);
        assertFalse(trained.constantFeatures());
        double[] nearlyOne = {3, 0, 0, 3.1, 0.05, 0, 2.95, -0.1, 0.02};
        assertTrue(withFeatures(trained, nearlyOne, 3).constantFeatures());
        double[] spread = {3, 0, 0, 3, 0.5, 0, 3, 0, 0};
        assertFalse(withFeatures(trained, spread, 3).constantFeatures());
    }

    private static TrainResult withFeatures(TrainResult r, double[] features, int h) {
        return new TrainResult(r.settings(), new Mlp(2, h), r.parameters(), null, r.probe(), 10, features, new int[features.length / h],
            features, new int[features.length / h], r.trace(), r.timeToFit(), r.iterationsRun(), r.trainAccuracy(),
            r.testAccuracy(), r.finalLoss(), r.engine(), r.seconds());
    }

    @Test
    void theTraceHasARowEveryEStepsAndAfterTheLast() {
        TrainResult r = run(small(TrainingLoss.CE, 45, 20), 0.5, Engine.JAVA);
        List<Integer> at = r.trace().stream().map(Evaluation::iteration).toList();
        assertEquals(List.of(20, 40, 45), at);
        assertFalse(r.trace().get(2).learningRate() > r.trace().get(0).learningRate());
    }
}
