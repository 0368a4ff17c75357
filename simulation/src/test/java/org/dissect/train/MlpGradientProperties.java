package org.dissect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.descent.JavaCeGradient;
import org.dissect.descent.JavaScBatchGradient;
import org.dissect.theory.RegularSimplex;

/**
 * The exact backpropagation of {@link Mlp} through each {@link FeatureLoss} against central finite differences of the
 * loss itself, over random architectures, batches, labels and parameters.
 *
 * <p>Tolerance {@code 1e-6·(1 + |g|)} with step {@code ε = 1e-6·max(1, |θ_i|)}: the central difference's truncation
 * error is {@code ε²|J'''|/6 ≈ 1e-12} for these O(1)-O(10) losses, its rounding error about {@code 2u|J|/ε ≈ 1e-9}
 * (u = 2^-53); a wrong term of the backward pass shows at the size of the gradient itself. A coordinate whose
 * perturbation flips a ReLU (a pre-activation within ε·|x| of 0, where the loss has a kink) is skipped and counted;
 * at least half of the coordinates must be checked.
 */
class MlpGradientProperties {
    private static final double TOLERANCE = 1e-6;

    @Property(tries = 60)
    void backpropagationMatchesCentralDifferences(@ForAll @IntRange(min = 1, max = 6) int inputs,
                                                  @ForAll @IntRange(min = 0, max = 2) int hidden,
                                                  @ForAll @IntRange(min = 1, max = 7) int width,
                                                  @ForAll @IntRange(min = 2, max = 5) int featureDim,
                                                  @ForAll @IntRange(min = 2, max = 7) int rows,
                                                  @ForAll @IntRange(min = 2, max = 4) int classes,
                                                  @ForAll @IntRange(min = 0, max = 2) int lossIndex, @ForAll long seed) {
        TrainingLoss loss = TrainingLoss.values()[lossIndex];
        int h = loss == TrainingLoss.CE_FIX ? Math.max(featureDim, classes - 1) : featureDim;
        int[] widths = new int[hidden + 2];
        Arrays.fill(widths, width);
        widths[0] = inputs;
        widths[hidden + 1] = h;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Mlp mlp = new Mlp(widths);
        double[][] params = mlp.initialParameters(rng);
        double[] x = gaussian(rng, rows * inputs);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(classes);
        }
        double[] head = switch (loss) {
            case CE -> gaussian(rng, classes * h);
            case CE_FIX -> flat(RegularSimplex.regularSimplex(classes, h, 1));
            case SC -> null;
        };
        try (JavaCeGradient ce = new JavaCeGradient(); JavaScBatchGradient sc = new JavaScBatchGradient(); JavaGemm gemm = new JavaGemm(null)) {
            FeatureLoss f = loss == TrainingLoss.SC ? FeatureLoss.supervisedContrastive(sc, h, Math.sqrt(10))
                : FeatureLoss.crossEntropy(ce, classes, h);
            Mlp.Workspace ws = mlp.workspace(rows);
            double[] gf = new double[rows * h];
            double[][] grads = mlp.zeros();
            double[] gHead = head == null ? null : new double[head.length];
            f.lossAndGradient(mlp.forward(params, x, rows, ws, gemm), labels, head, gf, gHead);
            mlp.backward(params, ws, gf, grads, gemm);
            String pattern = pattern(ws);
            double[][] blocks = head == null ? params : append(params, head);
            double[][] analytic = head == null ? grads : append(grads, gHead);
            int checked = 0;
            int skipped = 0;
            for (int b = 0; b < blocks.length; b++) {
                for (int i = 0; i < blocks[b].length; i++) {
                    double keep = blocks[b][i];
                    double eps = 1e-6 * Math.max(1, Math.abs(keep));
                    blocks[b][i] = keep + eps;
                    double plus = f.lossAndGradient(mlp.forward(params, x, rows, ws, gemm), labels, head, new double[rows * h], null);
                    boolean samePlus = pattern.equals(pattern(ws));
                    blocks[b][i] = keep - eps;
                    double minus = f.lossAndGradient(mlp.forward(params, x, rows, ws, gemm), labels, head, new double[rows * h], null);
                    boolean sameMinus = pattern.equals(pattern(ws));
                    blocks[b][i] = keep;
                    if (!samePlus || !sameMinus) {
                        skipped++;
                        continue;
                    }
                    double fd = (plus - minus) / (2 * eps);
                    double g = analytic[b][i];
                    assertEquals(fd, g, TOLERANCE * (1 + Math.abs(g)), loss + " block " + b + " entry " + i + " widths "
                        + Arrays.toString(widths));
                    checked++;
                }
            }
            assertTrue(checked >= skipped, checked + " checked, " + skipped + " skipped at ReLU kinks");
        }
    }

    /** The signs of every hidden pre-activation: a change means the perturbation crossed a ReLU kink. */
    private static String pattern(Mlp.Workspace ws) {
        StringBuilder s = new StringBuilder();
        for (int l = 1; l < ws.z.length - 1; l++) {
            for (int i = 0; i < ws.a[l].length; i++) {
                s.append(ws.z[l][i] > 0 ? '1' : '0');
            }
        }
        return s.toString();
    }

    static double[] gaussian(UniformRandomProvider rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return v;
    }

    static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[][] append(double[][] blocks, double[] last) {
        double[][] out = Arrays.copyOf(blocks, blocks.length + 1);
        out[blocks.length] = last;
        return out;
    }
}
