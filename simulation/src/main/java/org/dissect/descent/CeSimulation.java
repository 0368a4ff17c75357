package org.dissect.descent;

import org.apache.commons.rng.UniformRandomProvider;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Allocation;
import org.dissect.theory.Checks;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.RegularSimplex;

/**
 * Gradient descent of {@code L_CE(Z, W; Y) + λ‖W‖_F²} over the weights W and the points Z with
 * {@code ‖z_n‖ ≤ ρ} (Fig. 1 bottom, Fig. 4), or over Z alone with W fixed to the regular simplex scaled
 * to the Corollary 2 norm {@code r_W(ρ, λ)} (CE-fix). Points start uniformly in the ball, weights
 * uniformly in the ball of radius {@code r_W}, both from the seeded stream; the monotone {@link Descent}
 * runs with the points' gradients preconditioned by N.
 */
public final class CeSimulation {
    private CeSimulation() {
    }

    /**
     * Everything that defines a run.
     *
     * @param classSizes the points of each class, at least two classes of at least one point (copied; contiguous
     *        labels, {@link ScSimulation#labels}); equal sizes are the balanced setting of Theorem 1
     * @param dim h, at least 1
     * @param rho feature norm bound ρ
     * @param lambda penalty λ
     * @param fixedWeights CE-fix: W fixed to {@code r_W·} unit regular simplex (needs K ≤ h+1)
     * @param steps largest number of steps
     * @param learningRate first trial step
     * @param tolerance relative decrease over 20 steps at which the run stops
     * @param seed seed of the initialisation
     */
    public record Settings(int[] classSizes, int dim, double rho, double lambda, boolean fixedWeights,
                           int steps, double learningRate, double tolerance, long seed) {
        /** Validates every field with one-line messages. */
        public Settings {
            classSizes = ScSimulation.checkedSizes(classSizes);
            int classes = classSizes.length;
            Checks.atLeast("dimension h", dim, 1);
            Checks.positive("rho", rho);
            Checks.positive("lambda", lambda);
            Checks.atLeast("steps", steps, 1);
            Checks.positive("learning rate", learningRate);
            if (fixedWeights) {
                Checks.simplexFits(classes, dim);
            }
            lengths(classes, ScSimulation.total(classSizes), dim);
        }

        /**
         * The balanced setting: K classes of n points.
         *
         * @param classes K, at least 2
         * @param perClass n, at least 1
         * @param dim h
         * @param rho ρ
         * @param lambda λ
         * @param fixedWeights CE-fix
         * @param steps largest number of steps
         * @param learningRate first trial step
         * @param tolerance the stopping tolerance
         * @param seed the seed
         */
        public Settings(int classes, int perClass, int dim, double rho, double lambda, boolean fixedWeights,
                        int steps, double learningRate, double tolerance, long seed) {
            this(balancedSizes(classes, perClass, dim), dim, rho, lambda, fixedWeights, steps, learningRate, tolerance, seed);
        }

        /** The sizes of K classes of n points, once the arrays they size are known to fit (checked before the K sizes exist). */
        private static int[] balancedSizes(int classes, int perClass, int dim) {
            Checks.atLeast("classes K", classes, 2);
            Checks.atLeast("points per class n", perClass, 1);
            Checks.atLeast("dimension h", dim, 1);
            lengths(classes, (long) classes * perClass, dim);
            return ScSimulation.balancedSizes(classes, perClass);
        }

        private static void lengths(int classes, long n, int dim) {
            String shape = " (N=" + n + ", K=" + classes + ", h=" + dim + ")";
            Allocation.length("the points and weights ((N+K)*h coordinates" + shape + ")", (n + classes) * dim);
            Allocation.length("the logits (N*K entries" + shape + ")", n * classes);
        }

        /** @return a copy of the class sizes */
        @Override
        public int[] classSizes() {
            return classSizes.clone();
        }

        /** @return K */
        public int classes() {
            return classSizes.length;
        }

        /**
         * The memory a run of these settings needs with the Java engine, estimated before anything is allocated:
         * about 11 copies of the {@code (N+K)·h} variables (the descent's vectors and the objective's work copies)
         * and the two N×K matrices of logits and residuals.
         *
         * @return bytes (payloads of the arrays, within a few percent)
         */
        public long bytesNeeded() {
            long n = size();
            return 88 * (n + classes()) * dim + 16 * n * classes();
        }

        /** @return N = Σ n_y */
        public int size() {
            return (int) ScSimulation.total(classSizes);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param points final N·h points
     * @param weights final K·h weights
     * @param labels N labels
     * @param crossEntropy final {@code L_CE}
     * @param penalty final {@code λ‖W‖_F²}
     * @param trace the objective along the run
     * @param steps steps taken
     * @param converged whether the stopping rule ended the run
     * @param stopReason why it stopped
     * @param engine where the gradients ran
     * @param seconds wall time of the run
     * @param stepsPerSecond steps over the wall time of the steps alone (no set-up, no final evaluation)
     */
    public record Result(double[] points, double[] weights, int[] labels, double crossEntropy, double penalty, LossTrace trace,
                         int steps, boolean converged, String stopReason, RanOn engine, double seconds, double stepsPerSecond) {
        /** @return {@code L_CE + λ‖W‖_F²} */
        public double loss() {
            return crossEntropy + penalty;
        }
    }

    /**
     * @param s settings
     * @return the fixed weights of CE-fix: {@code w_y = (r_W/ρ)·ζ_y}
     */
    public static double[] simplexWeights(Settings s) {
        double rW = CrossEntropyBounds.rW(s.classes(), s.rho(), s.lambda());
        return Points.flat(RegularSimplex.regularSimplex(s.classes(), s.dim(), rW));
    }

    /**
     * @param s settings
     * @param x the variables a {@link StepListener} sees (not modified)
     * @return a copy of the K·h weights in x (the fixed weights in CE-fix)
     */
    public static double[] weightsOf(Settings s, double[] x) {
        return s.fixedWeights() ? simplexWeights(s) : java.util.Arrays.copyOf(x, s.classes() * s.dim());
    }

    /**
     * @param s settings
     * @param x the variables a {@link StepListener} sees (not modified)
     * @return a copy of the N·h points in x
     */
    public static double[] pointsOf(Settings s, double[] x) {
        return java.util.Arrays.copyOfRange(x, x.length - s.size() * s.dim(), x.length);
    }

    /**
     * Runs the descent.
     *
     * @param s settings
     * @param engine where the cross-entropy and its gradients are computed
     * @param listener told of every step; x holds the weights (unless fixed) then the points, see
     *        {@link #weightsOf} and {@link #pointsOf}
     * @return the result
     */
    public static Result run(Settings s, CeGradient engine, StepListener listener) {
        long t0 = System.nanoTime();
        Allocation.requireHeap("a CE descent of N=" + s.size() + ", K=" + s.classes() + ", h=" + s.dim(), s.bytesNeeded());
        int[] labels = ScSimulation.labels(s.classSizes);
        UniformRandomProvider rng = ScSimulation.stream(s.seed());
        double[] z = Points.uniformInBall(s.size(), s.dim(), s.rho(), rng);
        double rW = CrossEntropyBounds.rW(s.classes(), s.rho(), s.lambda());
        double[] w = s.fixedWeights() ? simplexWeights(s) : Points.uniformInBall(s.classes(), s.dim(), rW, rng);
        try (CrossEntropyObjective f = new CrossEntropyObjective(s.classes(), s.dim(), labels, s.rho(), s.lambda(),
                s.fixedWeights() ? w : null, engine)) {
            double[] x = f.variables(w, z);
            LossTrace trace = new LossTrace();
            long started = System.nanoTime();
            Descent.Outcome o = new Descent(s.steps(), s.learningRate(), s.tolerance()).minimise(f, x, (step, v, xs) -> {
                trace.add(step, v);
                listener.onStep(step, v, xs);
            });
            double stepsPerSecond = o.steps() / ((System.nanoTime() - started) * 1e-9);
            double[] parts = f.parts(x);
            return new Result(f.points(x), f.weights(x), labels, parts[0], parts[1], trace, o.steps(), o.converged(),
                o.reason(), engine.engine(), (System.nanoTime() - t0) * 1e-9, stepsPerSecond);
        }
    }
}
