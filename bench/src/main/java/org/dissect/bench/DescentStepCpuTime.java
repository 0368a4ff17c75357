package org.dissect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Descent steps per <em>CPU-second</em> of one thread: the complement of {@link DescentStepBenchmark} (wall-clock)
 * on a shared machine, where the neighbours take turns on the cores. One thread only (OpenBLAS set to one thread runs
 * in the caller), so thread CPU time is the step's cost.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.dissect.bench.DescentStepCpuTime [shape...]}. Prints, per
 * shape, for {@code java}, {@code blas} and the {@code dgemm}-only baseline, the median and best steps per CPU-second
 * of 11 repetitions (after 4 warm-up ones) of a batch of steps taking about a CPU-second; for {@code cifar-ce} also whole
 * descent steps ({@link DescentStepBenchmark#ceDescentStep}).
 */
public final class DescentStepCpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private DescentStepCpuTime() {
    }

    /** @param args the shapes (default: fig1 cifar cifar-wide cifar-ce) */
    public static void main(String[] args) {
        String[] shapes = args.length > 0 ? args : new String[] {"fig1", "cifar", "cifar-wide", "cifar-ce"};
        for (String shape : shapes) {
            for (String engine : new String[] {"java", "blas"}) {
                DescentStepBenchmark b = new DescentStepBenchmark();
                b.engine = engine;
                b.shape = shape;
                b.threads = 1;
                b.setUp();
                report(shape, engine, b::step, 1);
                if (b.descentObjective != null) {
                    report(shape, engine + " descent", b::ceDescentStep, DescentStepBenchmark.DESCENT_STEPS);
                }
                b.tearDown();
            }
            DescentStepBenchmark b = new DescentStepBenchmark();
            DescentStepBenchmark.Products p = new DescentStepBenchmark.Products();
            p.shape = shape;
            p.threads = 1;
            p.setUp();
            report(shape, "dgemm baseline", () -> b.dgemmBaseline(p), 1);
            p.tearDown();
        }
    }

    private static void report(String shape, String what, java.util.function.DoubleSupplier step, int stepsPerCall) {
        long n = 1;
        double sink = 0;
        while (true) {
            long t0 = MX.getCurrentThreadCpuTime();
            for (long i = 0; i < n; i++) {
                sink += step.getAsDouble();
            }
            if (MX.getCurrentThreadCpuTime() - t0 > 200_000_000L) {
                break;
            }
            n *= 2;
        }
        n *= 4;
        double[] rates = new double[11];
        for (int r = -4; r < rates.length; r++) {
            long t0 = MX.getCurrentThreadCpuTime();
            for (long i = 0; i < n; i++) {
                sink += step.getAsDouble();
            }
            double seconds = (MX.getCurrentThreadCpuTime() - t0) * 1e-9;
            if (r >= 0) {
                rates[r] = n * stepsPerCall / seconds;
            }
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%-11s %-18s median %10.1f steps/CPU-s   best %10.1f   (sink %.3g)%n", shape, what,
            rates[rates.length / 2], rates[rates.length - 1], sink);
    }
}
