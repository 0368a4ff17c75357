package org.dissect.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dissect.theory.SimplexDeviation;

/**
 * The "confirm collapse" diagnostics of one configuration {@code (Z, Y[, W])}, computed by
 * {@link CollapseDiagnostics}. Notation of THEORY.md: {@code μ_y} the mean of class y, ρ the radius
 * (given, or the mean point norm), K classes, N points in {@code R^h}.
 *
 * <p>At the optimum of Theorems 1 and 2 ((C1) every point at its class vertex, (C2) the vertices a
 * ρ-sphere-inscribed regular simplex, and for CE (C3) {@code w_y = c·ζ_y}): the spreads, deviations,
 * {@code sumOfMeans}, {@code meanNormSpread} and NC1-NC4 are 0, {@code meanNorm} is 1,
 * {@code gammaToMeans} is 1 and {@code gammaAcrossMeans}, {@code gammaAcrossWeights} equal
 * {@code gammaIdeal}.
 *
 * @param points N
 * @param dimension h
 * @param classes K
 * @param rho the radius ρ used to make the statistics dimensionless
 * @param rhoSource whether ρ was given or estimated as the mean point norm
 * @param withinClassSpread {@code ‖z_n - μ_{y_n}‖ / ρ} over the N points; 0 iff every point equals its
 *     class mean (with {@code simplexDeviation = 0}: (C1) and (C2))
 * @param simplexDeviation the Gram matrix of the means against the ideal simplex Gram (C2):
 *     {@code max_{y,y'} |<μ_y, μ_y'> - G*_{yy'}| / ρ²} with {@code G*_{yy} = ρ²},
 *     {@code G*_{yy'} = -ρ²/(K-1)} ({@link SimplexGram#deviation})
 * @param definition3 the deviations of the means from (S1), (S2), (S3) of Definition 3, from the
 *     theory library ({@code org.dissect.theory.RegularSimplex#deviation})
 * @param meanNorms {@code ‖μ_y‖ / ρ} over the K classes
 * @param attainable {@code K ≤ h + 1}: whether a regular simplex, hence the bounds' equality, exists
 *     (Remark 1); if not, the deviations are still computed but cannot reach 0
 * @param gammaAcrossMeans γ of Eq. 7 over the {@code K(K-1)/2} distinct pairs of class means
 * @param gammaToMeans γ of Eq. 7 between each point and its class mean
 * @param gammaIdeal {@code 1 - arccos(-1/(K-1))/π}, the γ across means and weights at a regular simplex
 * @param nc1 NC1 of Papyan et al., {@link NeuralCollapse#nc1}
 * @param nc2Equinorm NC2 equinorm of the centred means, {@link NeuralCollapse#equinorm}
 * @param nc2Equiangularity NC2 equiangularity of the centred means, {@link NeuralCollapse#equiangularity}
 * @param lambda the L2 penalty λ of Corollary 2, NaN if not given
 * @param rW {@code r_W(ρ, λ)} of Corollary 2 ({@code CrossEntropyBounds.rW}), NaN if λ was not given
 * @param weights the weight diagnostics, present when weights were given
 */
public record CollapseReport(int points, int dimension, int classes, double rho, RadiusSource rhoSource,
                             Summary withinClassSpread, double simplexDeviation, SimplexDeviation definition3,
                             Summary meanNorms, boolean attainable,
                             Summary gammaAcrossMeans, Summary gammaToMeans, double gammaIdeal,
                             double nc1, double nc2Equinorm, NeuralCollapse.Equiangularity nc2Equiangularity,
                             double lambda, double rW, Optional<WeightReport> weights) {

    /** @return (S1): {@code ‖Σ_y μ_y‖ / ρ}; 0 at a simplex centred at the origin */
    public double sumOfMeans() {
        return definition3.sumNorm();
    }

    /** @return (S2) as a spread: {@code (max_y ‖μ_y‖ - min_y ‖μ_y‖) / ρ}; 0 iff the means are equinorm */
    public double meanNormSpread() {
        return meanNorms.range();
    }

    /** @return {@code (1/K) Σ_y ‖μ_y‖ / ρ}; 1 when the means lie on the ρ-sphere */
    public double meanNorm() {
        return meanNorms.mean();
    }

    /**
     * One number saying how far the configuration is from the equality case of the bounds, for the
     * optimisers' "confirm collapse" check: the largest of
     * <ul>
     *   <li>{@code withinClassSpread.max} (C1),</li>
     *   <li>{@code simplexDeviation} and {@code sumOfMeans} (C2),</li>
     *   <li>with weights, {@code 1 - min_y γ(w_y, μ_y)} and the weights' {@code simplexDeviation} (C3),</li>
     *   <li>with weights and λ, {@code max_y |‖w_y‖ - r_W|/r_W} (Corollary 2).</li>
     * </ul>
     * Every term is dimensionless and 0 at the optimum, and the set is chosen so that any small
     * perturbation of size ε of one point, one class or one weight raises the distance at first order in
     * ε (a Gram deviation alone is only quadratic in a displacement orthogonal to the span of the
     * means; the cosine is quadratic in a small angle, γ is linear).
     *
     * @return the distance; NaN if any term is undefined (a zero mean or weight)
     */
    public double collapseDistance() {
        // Math.max propagates NaN, so an undefined term makes the distance NaN.
        double d = Math.max(withinClassSpread.max(), Math.max(simplexDeviation, sumOfMeans()));
        if (weights.isPresent()) {
            WeightReport w = weights.get();
            d = Math.max(d, Math.max(1 - w.gammaToMeans().min(), w.simplexDeviation()));
            if (w.normsToRW().isPresent()) {
                d = Math.max(d, w.normsToRW().get().maxRelativeDeviation());
            }
        }
        return d;
    }

    /**
     * Whether the diagnostics confirm collapse to the optimum within a tolerance.
     *
     * @param tolerance largest accepted {@link #collapseDistance()}
     * @return {@code collapseDistance() <= tolerance} (false when NaN)
     */
    public boolean confirmsCollapse(double tolerance) {
        return collapseDistance() <= tolerance;
    }

    /**
     * The report as a flat, ordered map for JSON output (the CLI turns it into one object, e.g. with
     * Jackson's {@code ObjectMapper.valueToTree}). Keys, in order:
     * {@code points, dimension, classes, rho, rhoSource, gammaAcrossMeans, gammaToMeans,
     * gammaAcrossWeights, gammaIdeal, simplexDeviation, withinClassSpread, sumOfMeans, meanNormSpread,
     * meanNorm, meanNormDeviation, innerProductDeviation, attainable, nc1, nc2Equinorm,
     * nc2EquiangularStd, nc2EquiangularMax, lambda, rW, weightCosineToMeans, weightGammaToMeans, weightNorms,
     * weightEquinorm, weightSimplexDeviation, c3Deviation, nc3, nc4, weightNormsOverRW,
     * weightNormDeviationFromRW, collapseDistance}.
     * Summaries are nested maps {@code {min, mean, max}}, except {@code withinClassSpread}, which is
     * {@code {max, mean}}. Every key is always present, so the schema does not depend on the input:
     * fields that do not apply (no weights, no λ) and undefined statistics (NaN) are {@code null}.
     * {@code meanNormDeviation} and {@code innerProductDeviation} are (S2) {@code max_y |‖μ_y‖ - ρ|/ρ}
     * and (S3) {@code max_{y≠y'} |<μ_y, μ_y'> + ρ²/(K-1)|/ρ²} of Definition 3.
     *
     * @return a new {@link LinkedHashMap} of numbers, booleans, strings, nested maps and nulls
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<WeightReport> w = weights;
        Optional<WeightReport.NormsToRW> r = w.flatMap(WeightReport::normsToRW);
        m.put("points", points);
        m.put("dimension", dimension);
        m.put("classes", classes);
        m.put("rho", jsonNumber(rho));
        m.put("rhoSource", rhoSource.label());
        m.put("gammaAcrossMeans", gammaAcrossMeans.toMap());
        m.put("gammaToMeans", gammaToMeans.toMap());
        m.put("gammaAcrossWeights", w.map(x -> x.gammaAcrossWeights().toMap()).orElse(null));
        m.put("gammaIdeal", jsonNumber(gammaIdeal));
        m.put("simplexDeviation", jsonNumber(simplexDeviation));
        Map<String, Object> spread = new LinkedHashMap<>();
        spread.put("max", jsonNumber(withinClassSpread.max()));
        spread.put("mean", jsonNumber(withinClassSpread.mean()));
        m.put("withinClassSpread", spread);
        m.put("sumOfMeans", jsonNumber(sumOfMeans()));
        m.put("meanNormSpread", jsonNumber(meanNormSpread()));
        m.put("meanNorm", jsonNumber(meanNorm()));
        m.put("meanNormDeviation", jsonNumber(definition3.normDeviation()));
        m.put("innerProductDeviation", jsonNumber(definition3.innerProductDeviation()));
        m.put("attainable", attainable);
        m.put("nc1", jsonNumber(nc1));
        m.put("nc2Equinorm", jsonNumber(nc2Equinorm));
        m.put("nc2EquiangularStd", jsonNumber(nc2Equiangularity.std()));
        m.put("nc2EquiangularMax", jsonNumber(nc2Equiangularity.maxDeviation()));
        m.put("lambda", jsonNumber(lambda));
        m.put("rW", jsonNumber(rW));
        m.put("weightCosineToMeans", w.map(x -> x.cosineToMeans().toMap()).orElse(null));
        m.put("weightGammaToMeans", w.map(x -> x.gammaToMeans().toMap()).orElse(null));
        m.put("weightNorms", w.map(x -> x.norms().toMap()).orElse(null));
        m.put("weightEquinorm", w.map(x -> jsonNumber(x.equinorm())).orElse(null));
        m.put("weightSimplexDeviation", w.map(x -> jsonNumber(x.simplexDeviation())).orElse(null));
        m.put("c3Deviation", w.map(x -> jsonNumber(x.c3Deviation())).orElse(null));
        m.put("nc3", w.map(x -> jsonNumber(x.nc3())).orElse(null));
        m.put("nc4", w.map(x -> jsonNumber(x.nc4())).orElse(null));
        m.put("weightNormsOverRW", r.map(x -> x.ratios().toMap()).orElse(null));
        m.put("weightNormDeviationFromRW", r.map(x -> jsonNumber(x.maxRelativeDeviation())).orElse(null));
        m.put("collapseDistance", jsonNumber(collapseDistance()));
        return m;
    }

    /** A double for JSON: the value itself if finite, otherwise null (JSON has no NaN or infinity). */
    static Double jsonNumber(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
