package org.dissect.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;
import org.dissect.enumeration.JavaEnumeration;
import org.dissect.enumeration.LossHistogram;
import org.dissect.enumeration.TaskRunnerEnumeration;

/**
 * The exact enumeration split over Spark partitions ({@code local[2]}) equals the Java engine bit for bit: the total
 * loss, {@code ∂L/∂G}, {@code ∂L/∂Z} and the histogram, on problems of one to a few dozen lanes.
 */
class SparkEnumerationTest {
    private static SparkTaskRunner spark;

    @BeforeContainer
    static void start() {
        spark = new SparkTaskRunner("local[2]");
    }

    @AfterContainer
    static void stop() {
        spark.close();
    }

    /** K classes of n points, Gaussian directions in R^h scaled to norm rho (labels in turn). */
    static EnumerationProblem problem(int classes, int perClass, int dim, int batch, double rho, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] z = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                z[i][d] = random.nextDouble() * 2 - 1;
                norm += z[i][d] * z[i][d];
            }
            norm = Math.sqrt(norm);
            for (int d = 0; d < dim; d++) {
                z[i][d] = norm == 0 ? (d == 0 ? rho : 0) : z[i][d] * rho / norm;
            }
        }
        return new EnumerationProblem(z, labels, classes, batch);
    }

    @Property(tries = 10)
    void lossGradientAndHistogramEqualTheJavaEngineBitForBit(@ForAll @IntRange(min = 2, max = 4) int classes,
                                                              @ForAll @IntRange(min = 2, max = 4) int perClass,
                                                              @ForAll @IntRange(min = 1, max = 4) int dim,
                                                              @ForAll @IntRange(min = 4, max = 7) int batch,
                                                              @ForAll long seed) {
        EnumerationProblem p = problem(classes, perClass, dim, batch, 1 + (seed & 3), seed);
        EnumerationRequest request = new EnumerationRequest(true, true, null);
        EnumerationResult local;
        try (JavaEnumeration java = new JavaEnumeration(2)) {
            local = java.enumerate(p, request);
        }
        AtomicLong reported = new AtomicLong();
        EnumerationResult distributed = new TaskRunnerEnumeration(spark).enumerate(p, request.withProgress(reported::addAndGet));
        assertEquals(local.lanes(), distributed.lanes());
        assertEquals(Double.doubleToLongBits(local.totalLoss()), Double.doubleToLongBits(distributed.totalLoss()),
            local.totalLoss() + " vs " + distributed.totalLoss());
        assertArrayEquals(local.gradientGram(), distributed.gradientGram());  // JUnit compares doubles' bits
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(local.gradient()[i], distributed.gradient()[i]);
        }
        assertEquals(local.histogram().groups().size(), distributed.histogram().groups().size());
        for (int g = 0; g < local.histogram().groups().size(); g++) {
            LossHistogram.Group a = local.histogram().groups().get(g);
            LossHistogram.Group b = distributed.histogram().groups().get(g);
            assertArrayEquals(a.counts(), b.counts());
            assertEquals(a.batches(), b.batches());
            assertArrayEquals(new double[] {a.minLoss(), a.meanLoss(), a.maxLoss()}, new double[] {b.minLoss(), b.meanLoss(), b.maxLoss()});
        }
        assertEquals(p.batchCount(), reported.get(), "progress counts every batch once");
        assertEquals("java on Apache Spark local[2]", distributed.engine().toString());
        assertTrue(distributed.threads() <= 2);
    }
}
