package org.dissect.enumeration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import org.dissect.engine.Engine;
import org.dissect.engine.RanOn;
import org.dissect.theory.SupervisedContrastive;

/**
 * The reference: every batch as an index array (itertools' {@code combinations_with_replacement}), its
 * loss by {@link SupervisedContrastive#batchLoss} (Definition 2, anchor by anchor, log-sum-exp over the
 * batch: {@code O(b²h)} per batch), the gradient by differentiating each anchor's term directly
 * ({@code ∂/∂G_{i_p i_q} = softmax_q - [q positive]/P_p}), the histogram by sorting each batch's class counts.
 * Single-threaded and slow on purpose: it shares no code with the fast engines, and it is the benchmark
 * baseline.
 */
public final class NaiveEnumeration implements Enumeration {
    @Override
    public RanOn engine() {
        return new RanOn(Engine.NAIVE, "1 Java thread (the reference)", null);
    }

    @Override
    public EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request) {
        long started = System.nanoTime();
        double[][] z = problem.points();
        int[] labels = problem.labels();
        int n = problem.size();
        int b = problem.batch();
        int k = problem.classes();
        MultisetRanking ranking = problem.ranking();
        int[] batch = ranking.unrank(0);
        CompensatedSum total = new CompensatedSum();
        double[] gram = request.gradient() ? new double[n * n] : null;
        double[] logits = new double[b];
        Map<String, double[]> groups = new LinkedHashMap<>();
        Map<String, int[]> groupCounts = new LinkedHashMap<>();
        long done = 0;
        do {
            double loss = SupervisedContrastive.batchLoss(z, labels, batch);
            total.add(loss);
            if (gram != null) {
                addBatchGradient(z, labels, batch, logits, gram);
            }
            if (request.histogram()) {
                int[] counts = new int[k];
                for (int i : batch) {
                    counts[labels[i]]++;
                }
                Arrays.sort(counts);
                for (int y = 0; y < k / 2; y++) {
                    int t = counts[y];
                    counts[y] = counts[k - 1 - y];
                    counts[k - 1 - y] = t;
                }
                String key = Arrays.toString(counts);
                double[] g = groups.computeIfAbsent(key, s -> new double[] {0, 0, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY});
                groupCounts.putIfAbsent(key, counts);
                g[0]++;
                g[1] += loss;
                g[2] = Math.min(g[2], loss);
                g[3] = Math.max(g[3], loss);
            }
            if (++done % 65536 == 0) {
                request.progress().accept(65536);
            }
        } while (ranking.successor(batch));
        request.progress().accept(done % 65536);
        LossHistogram histogram = null;
        if (request.histogram()) {
            List<LossHistogram.Group> list = new ArrayList<>();
            for (Map.Entry<String, double[]> e : groups.entrySet()) {
                double[] g = e.getValue();
                list.add(new LossHistogram.Group(groupCounts.get(e.getKey()), (long) g[0], g[2], g[1] / g[0], g[3]));
            }
            histogram = new LossHistogram(list);
        }
        double seconds = (System.nanoTime() - started) * 1e-9;
        return new EnumerationResult(engine(), 1, 1, done, total.value(), seconds,
            gram, gram == null ? null : EnumerationResult.pointGradient(gram, z), histogram);
    }

    /** Adds {@code ∂ℓ_SC(B)/∂G} of one batch, anchor position by anchor position. */
    private static void addBatchGradient(double[][] z, int[] labels, int[] batch, double[] logits, double[] gram) {
        int n = z.length;
        int b = batch.length;
        for (int p = 0; p < b; p++) {
            int i = batch[p];
            int positives = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < b; q++) {
                if (q != p) {
                    logits[q] = org.dissect.theory.Vectors.dot(z[i], z[batch[q]]);
                    max = Math.max(max, logits[q]);
                    positives += labels[batch[q]] == labels[i] ? 1 : 0;
                }
            }
            if (positives == 0) {
                continue;
            }
            double sum = 0;
            for (int q = 0; q < b; q++) {
                if (q != p) {
                    sum += Math.exp(logits[q] - max);
                }
            }
            for (int q = 0; q < b; q++) {
                if (q != p) {
                    int j = batch[q];
                    double g = Math.exp(logits[q] - max) / sum - (labels[j] == labels[i] ? 1.0 / positives : 0);
                    gram[i * n + j] += g;
                }
            }
        }
    }
}
