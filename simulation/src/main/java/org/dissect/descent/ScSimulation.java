package org.dissect.descent;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Allocation;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.theory.Checks;

/**
 * Gradient descent of the SC loss over a free configuration on the sphere of radius ρ (an ideal
 * encoder: the points are the parameters), in one of three {@link ScMode}s. Points start uniformly on
 * the sphere from a seeded stream, so a seed reproduces a run exactly (for a given engine).
 *
 * <p>EXACT and FULL run the monotone {@link Descent} (Riemannian gradient, Barzilai-Borwein steps,
 * Armijo backtracking); SAMPLED runs Riemannian SGD on the mean per-anchor loss of uniformly drawn
 * multiset batches with the step {@code η_t = η₀/(1 + 1000·t/T)} (decaying to {@code η₀/1001}: the SGD noise
 * floor shrinks with the step, which takes the Fig. 6 setting to within about 1e-5 of the bound in 100k steps).
 */
public final class ScSimulation {
    private ScSimulation() {
    }

    /**
     * Everything that defines a run.
     *
     * @param classSizes the points of each class, {@code n_0, …, n_{K-1}}, at least two classes of at least one point
     *        (copied; classes are contiguous, see {@link #labels}); equal sizes are the balanced setting of Theorem 2
     * @param dim h, at least 1
     * @param batch b (ignored in FULL mode, where b = N)
     * @param rho2 ρ²
     * @param mode what to minimise
     * @param steps largest number of steps
     * @param learningRate η₀ (first trial step for EXACT and FULL, SGD step for SAMPLED)
     * @param tolerance relative decrease over 20 steps at which EXACT and FULL stop
     * @param seed seed of the initialisation and batch streams
     */
    public record Settings(int[] classSizes, int dim, int batch, double rho2, ScMode mode, int steps,
                           double learningRate, double tolerance, long seed) {
        /** Validates every field with one-line messages. */
        public Settings {
            classSizes = checkedSizes(classSizes);
            Checks.atLeast("dimension h", dim, 1);
            if (mode != ScMode.FULL) {
                Checks.atLeast("batch size b", batch, 2);
            }
            Checks.positive("rho^2", rho2);
            Checks.atLeast("steps", steps, 1);
            Checks.positive("learning rate", learningRate);
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("tolerance must be non-negative, got " + tolerance);
            }
            long n = total(classSizes);
            String shape = " (N=" + n + ", h=" + dim + ")";
            Allocation.length("the points (N*h coordinates" + shape + ")", n * dim);
            if (mode == ScMode.FULL) {
                Allocation.length("the full batch's Gram matrix (N^2 entries" + shape + ")", n * n);
            } else {
                Allocation.length("a batch's Gram matrix (b^2 entries, b=" + batch + ")", (long) batch * batch);
                Allocation.length("a batch's points (b*h coordinates, b=" + batch + ", h=" + dim + ")", (long) batch * dim);
            }
        }

        /**
         * The balanced setting: K classes of n points.
         *
         * @param classes K, at least 2
         * @param perClass n, at least 1
         * @param dim h
         * @param batch b
         * @param rho2 ρ²
         * @param mode what to minimise
         * @param steps largest number of steps
         * @param learningRate η₀
         * @param tolerance the stopping tolerance
         * @param seed the seed
         */
        public Settings(int classes, int perClass, int dim, int batch, double rho2, ScMode mode, int steps,
                        double learningRate, double tolerance, long seed) {
            this(balancedSizes(classes, perClass), dim, batch, rho2, mode, steps, learningRate, tolerance, seed);
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
         * The memory a run of these settings needs with the Java engines, estimated before anything is allocated:
         * the points and the descent's vectors (about 8 copies of N·h), plus the batch gradient's work matrices (FULL:
         * two N×N; SAMPLED: two b×b) or the exact enumeration with its gradient (EXACT:
         * {@link EnumerationProblem#bytesNeeded}).
         *
         * @return bytes (payloads of the arrays, within a few percent)
         * @throws IllegalArgumentException in EXACT mode if the enumeration is impossible (too many batches,
         *         arrays beyond the largest Java array)
         */
        public long bytesNeeded() {
            long n = size();
            long vectors = 64 * n * dim;
            long m = effectiveBatch();
            return vectors + switch (mode) {
                case EXACT -> EnumerationProblem.bytesNeeded(size(), dim, classes(), batch, true, false);
                case FULL, SAMPLED -> 16 * m * m + 16 * m * dim;
            };
        }

        /** @return N = Σ n_y */
        public int size() {
            return (int) total(classSizes);
        }

        /** @return the batch size that applies: N in FULL mode, else b */
        public int effectiveBatch() {
            return mode == ScMode.FULL ? size() : batch;
        }

        /** @return ρ */
        public double rho() {
            return Math.sqrt(rho2);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param points the final N·h configuration
     * @param labels the N labels ({@link #labels}: classes are contiguous)
     * @param trace the objective along the run (EXACT: mean batch loss; FULL: the batch loss; SAMPLED: the
     *        mean per-anchor loss of each drawn batch, every 10th step)
     * @param steps steps taken
     * @param converged whether the stopping rule ended the run
     * @param stopReason why it stopped
     * @param engine where the gradients ran
     * @param seconds wall time of the run
     * @param stepsPerSecond steps over the wall time of the steps alone (no set-up, no final evaluation)
     */
    public record Result(double[] points, int[] labels, LossTrace trace, int steps, boolean converged, String stopReason,
                         RanOn engine, double seconds, double stepsPerSecond) {
    }

    /**
     * @param classes K
     * @param perClass n
     * @return the balanced labels {@code y_n = n / perClass}
     */
    public static int[] balancedLabels(int classes, int perClass) {
        return labels(balancedSizes(classes, perClass));
    }

    /**
     * @param classSizes the points of each class, {@code n_y ≥ 0}
     * @return the contiguous labels: {@code n_0} zeros, then {@code n_1} ones, …
     */
    public static int[] labels(int[] classSizes) {
        int[] labels = new int[Math.toIntExact(total(classSizes))];
        int n = 0;
        for (int y = 0; y < classSizes.length; y++) {
            java.util.Arrays.fill(labels, n, n + classSizes[y], y);
            n += classSizes[y];
        }
        return labels;
    }

    /**
     * @param classes K
     * @param perClass n
     * @return K copies of n
     * @throws IllegalArgumentException if K &lt; 2 or n &lt; 1
     */
    public static int[] balancedSizes(int classes, int perClass) {
        Checks.atLeast("classes K", classes, 2);
        Checks.atLeast("points per class n", perClass, 1);
        Allocation.requireHeap("the class sizes of K=" + classes + " classes", 4L * classes);
        int[] sizes = new int[classes];
        java.util.Arrays.fill(sizes, perClass);
        return sizes;
    }

    /**
     * @param classSizes class sizes
     * @return whether they are all equal (the balanced labels Theorems 1 and 2 assume)
     */
    public static boolean balanced(int[] classSizes) {
        return java.util.Arrays.stream(classSizes).allMatch(n -> n == classSizes[0]);
    }

    /**
     * Checks class sizes: at least two classes ({@code K ≥ 2}) of at least one point, their total N an int.
     *
     * @param classSizes the sizes (not modified)
     * @return a copy
     * @throws IllegalArgumentException with a one-line message otherwise
     */
    static int[] checkedSizes(int[] classSizes) {
        Checks.atLeast("classes K", classSizes.length, 2);
        for (int y = 0; y < classSizes.length; y++) {
            Checks.atLeast("points in class " + y, classSizes[y], 1);
        }
        long n = total(classSizes);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("N = " + n + " points is more than 2^31-1");
        }
        return classSizes.clone();
    }

    /**
     * @param classSizes class sizes
     * @return N, their sum
     */
    static long total(int[] classSizes) {
        long n = 0;
        for (int size : classSizes) {
            n += size;
        }
        return n;
    }

    /**
     * @param s settings
     * @return the seeded initial configuration: uniform on the sphere of radius ρ
     */
    public static double[] initialPoints(Settings s) {
        return Points.uniformOnSphere(s.size(), s.dim(), s.rho(), stream(s.seed()));
    }

    /**
     * Runs the descent.
     *
     * @param s settings
     * @param start N·h starting configuration on the sphere (copied), e.g. {@link #initialPoints}
     * @param batchGradient the single-batch engine (FULL, SAMPLED)
     * @param exact the all-batches engine (EXACT), or null in the other modes
     * @param listener told of every step (x: the N·h points; in SAMPLED mode every step, with the drawn
     *        batch's mean per-anchor loss as value)
     * @return the result
     */
    public static Result run(Settings s, double[] start, ScBatchGradient batchGradient, ExactScLoss exact,
                             StepListener listener) {
        long t0 = System.nanoTime();
        Allocation.requireHeap("an SC descent of N=" + s.size() + ", h=" + s.dim() + " in " + s.mode() + " mode",
            s.bytesNeeded());
        int[] labels = labels(s.classSizes);
        double[] z = start.clone();
        Points.projectToSphere(z, s.dim(), s.rho());
        LossTrace trace = new LossTrace();
        Descent.Outcome outcome;
        RanOn engine;
        long started = System.nanoTime();
        switch (s.mode()) {
            case FULL -> {
                int[] all = new int[s.size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                OnSphere f = new OnSphere((x, g) -> batchGradient.lossAndGradient(x, s.dim(), labels, all, g), s.dim(), s.rho());
                outcome = descend(s, f, z, trace, listener);
                engine = batchGradient.engine();
            }
            case EXACT -> {
                if (exact == null) {
                    throw new IllegalArgumentException("exact mode needs the enumeration engine");
                }
                OnSphere f = new OnSphere(exact::meanLossAndGradient, s.dim(), s.rho());
                outcome = descend(s, f, z, trace, listener);
                engine = exact.engine();
            }
            default -> {
                outcome = sgd(s, z, labels, batchGradient, trace, listener);
                engine = batchGradient.engine();
            }
        }
        long end = System.nanoTime();
        return new Result(z, labels, trace, outcome.steps(), outcome.converged(), outcome.reason(), engine,
            (end - t0) * 1e-9, outcome.steps() / ((end - started) * 1e-9));
    }

    private static Descent.Outcome descend(Settings s, OnSphere f, double[] z, LossTrace trace, StepListener listener) {
        return new Descent(s.steps(), s.learningRate(), s.tolerance()).minimise(f, z, (step, v, x) -> {
            trace.add(step, v);
            listener.onStep(step, v, x);
        });
    }

    private static Descent.Outcome sgd(Settings s, double[] z, int[] labels, ScBatchGradient engine, LossTrace trace,
                                       StepListener listener) {
        int b = s.batch();
        int dim = s.dim();
        UniformRandomProvider rng = stream(s.seed() + 1);
        MultisetSampler sampler = new MultisetSampler(s.size(), b, rng);
        int[] batch = new int[b];
        double[] g = new double[b * dim];
        try (RowParallel rows = new RowParallel(engine.threads())) {
            for (int t = 0; t < s.steps(); t++) {
                sampler.next(batch);
                double eta = s.learningRate() / (1 + 1000.0 * t / s.steps());
                double loss = sgdStep(z, dim, s.rho2(), labels, batch, engine, g, eta, rows);
                if (t % 10 == 0 || t == s.steps() - 1) {
                    trace.add(t, loss);
                }
                listener.onStep(t + 1, loss, z);
            }
        }
        return new Descent.Outcome(s.steps(), trace.last(), false, "SGD ran its " + s.steps() + " steps");
    }

    /**
     * One Riemannian SGD step on the mean per-anchor loss {@code ℓ_SC(Z; Y, B)/b} of one batch: the engine's per-copy
     * gradients {@code g_p} (divided by b), each projected on the tangent space at its point,
     * {@code g_p - (<z_{i_p}, g_p>/ρ²) z_{i_p}} (all against the points before the step), subtracted with step η
     * (the copies of one point in batch order), and every moved point put back once on the sphere of radius
     * {@code ρ = √ρ²}. Copies and points are spread over {@code rows}; each point's arithmetic is the same on any
     * number of threads.
     *
     * @param z N·h points on the sphere (modified: the batch's points move)
     * @param dim h
     * @param rho2 ρ²
     * @param labels N labels (not modified)
     * @param batch the b indices, once per copy (not modified)
     * @param engine the batch gradient engine
     * @param g b·h work array (overwritten)
     * @param eta the step η on the per-anchor loss
     * @param rows the threads of the row loops
     * @return the batch's mean per-anchor loss before the step
     */
    public static double sgdStep(double[] z, int dim, double rho2, int[] labels, int[] batch, ScBatchGradient engine, double[] g,
                                 double eta, RowParallel rows) {
        int b = batch.length;
        double loss = engine.lossAndGradient(z, dim, labels, batch, g) / b;
        double rho = Math.sqrt(rho2);
        double step = eta / b;
        int grain = Math.max(1, 16_384 / dim);
        rows.forRows(b, grain, (from, to) -> {
            for (int p = from; p < to; p++) {
                int off = batch[p] * dim;
                double c = Points.dot(z, off, g, p * dim, dim) / rho2;
                for (int k = 0; k < dim; k++) {
                    g[p * dim + k] -= c * z[off + k];
                }
            }
        });
        // copies in (index, position) order: each point's updates form one run, applied in batch order
        long[] order = new long[b];
        for (int p = 0; p < b; p++) {
            order[p] = (long) batch[p] << 32 | p;
        }
        java.util.Arrays.sort(order);
        rows.forRows(b, grain, (from, to) -> {
            // this range owns the runs that start in [from, to), each to its end
            int r = from;
            while (r > 0 && r < b && order[r] >>> 32 == order[r - 1] >>> 32) {
                r++;
            }
            while (r < to) {
                long index = order[r] >>> 32;
                int off = (int) index * dim;
                for (; r < b && order[r] >>> 32 == index; r++) {
                    int p = (int) order[r];
                    for (int k = 0; k < dim; k++) {
                        z[off + k] -= step * g[p * dim + k];
                    }
                }
                Points.projectToSphere(z, off, dim, rho);
            }
        });
        return loss;
    }

    /**
     * @param seed the seed
     * @return the toolkit's seeded stream (XoRoShiRo128++ from Commons RNG)
     */
    public static UniformRandomProvider stream(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
