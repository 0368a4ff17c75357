package org.dissect.diagnostics;

import org.dissect.theory.Checks;
import org.dissect.theory.Vectors;

/**
 * Distance of a Gram matrix from the Gram matrix of a regular simplex (Definition 3 of the paper).
 *
 * <p>K vectors {@code v_y} form an s-sphere-inscribed regular simplex iff their Gram matrix is
 *
 * <pre>    G*_{yy} = s²,   G*_{yy'} = -s²/(K-1)  (y ≠ y')</pre>
 *
 * ((S2) and (S3); (S1) {@code Σ_y v_y = 0} follows, since {@code ‖Σ_y v_y‖² = Σ_{y,y'} G*_{yy'} = 0}).
 * The deviation {@code max_{y,y'} |<v_y, v_y'> - G*_{yy'}| / s²} is dimensionless, and 0 iff the
 * vectors form that simplex; it is computable even when {@code K > h + 1}, where no such simplex
 * exists (Remark 1) and the deviation is then bounded away from 0.
 */
public final class SimplexGram {
    private SimplexGram() {
    }

    /**
     * {@code max_{y,y'} |<v_y, v_y'> - G*_{yy'}| / s²} with {@code G*} the Gram matrix of the
     * s-sphere-inscribed regular simplex.
     *
     * <p>For class means use {@code s = ρ} (the paper's (C2)); for classifier weights, whose scale
     * {@code c} in {@code w_y = c·ζ_y} (C3) is free, use {@code s² = (1/K) Σ_y ‖w_y‖²}.
     *
     * @param rows K ≥ 2 vectors as rows (not modified)
     * @param radiusSquared {@code s²}
     * @return the maximum absolute deviation divided by {@code s²}; NaN if {@code s² = 0}
     * @throws IllegalArgumentException if fewer than 2 rows, rows of unequal length or non-finite values
     */
    public static double deviation(double[][] rows, double radiusSquared) {
        Inputs.matrix("rows", rows);
        int k = Checks.atLeast("number of vectors K", rows.length, 2);
        if (!(radiusSquared >= 0) || radiusSquared == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("radius squared must be finite and non-negative, got " + radiusSquared);
        }
        double off = -radiusSquared / (k - 1);
        double max = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double target = i == j ? radiusSquared : off;
                max = Math.max(max, Math.abs(Vectors.dot(rows[i], rows[j]) - target));
            }
        }
        return radiusSquared == 0 ? Double.NaN : max / radiusSquared;
    }

    /**
     * The deviation of {@link #deviation(double[][], double)} with the scale chosen from the vectors
     * themselves, {@code s² = (1/K) Σ_y ‖v_y‖²}: 0 iff the vectors are some regular simplex, whatever its radius.
     *
     * @param rows K ≥ 2 vectors as rows (not modified)
     * @return the scaled deviation; NaN if all vectors are zero
     */
    public static double deviationAtOwnScale(double[][] rows) {
        return deviation(rows, Vectors.frobeniusSquared(rows) / rows.length);
    }
}
