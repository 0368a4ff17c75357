package org.dissect.enumeration;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.dissect.bench.EnumerationSettings;

/**
 * Batches per <em>CPU-second</em> of one thread: a complement to the JMH numbers (wall-clock) on a shared
 * machine, where other processes take turns on the cores. Thread CPU time does not count the time the
 * thread waited for a core, so it measures the code, not the neighbours (cache sharing still shows).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.dissect.enumeration.CpuTimeThroughput}. Prints, per
 * setting and mode, the median and best of 15 repetitions after 5 warm-up ones, and the same for
 * {@code Math.log} (logs per CPU-second) and the naive reference.
 */
public final class CpuTimeThroughput {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private CpuTimeThroughput() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        for (String setting : new String[] {"fig6", "n30b8"}) {
            EnumerationProblem p = EnumerationSettings.problem(setting);
            long n = Math.min(p.batchCount(), 4_000_000);
            for (boolean gradient : new boolean[] {false, true}) {
                BatchLossKernel kernel = new BatchLossKernel(p, gradient, null);
                report(setting + (gradient ? " kernel+gradient" : " kernel"), n, () -> kernel.walk(0, n));
            }
            int[] batch = p.ranking().unrank(0);
            double[][] z = p.points();
            int[] labels = p.labels();
            long m = 100_000;
            report(setting + " naive", m, () -> {
                double s = 0;
                for (long i = 0; i < m; i++) {
                    s += org.dissect.theory.SupervisedContrastive.batchLoss(z, labels, batch);
                    if (!p.ranking().successor(batch)) {
                        p.ranking().unrank(0, batch);
                    }
                }
                sink += s;
            });
        }
        double[] x = new double[1 << 20];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.01 + 8.0 * i / x.length;
        }
        report("Math.log", x.length, () -> {
            double s = 0;
            for (double v : x) {
                s += Math.log(v);
            }
            sink += s;
        });
        System.out.println("(sink " + (sink != 0) + ")");
    }

    private static double sink;

    private static void report(String name, long units, Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] rate = new double[15];
        for (int i = 0; i < rate.length; i++) {
            long t0 = MX.getCurrentThreadCpuTime();
            work.run();
            rate[i] = units / ((MX.getCurrentThreadCpuTime() - t0) * 1e-9);
        }
        Arrays.sort(rate);
        System.out.printf("%-24s median %8.3f M/CPU-s   best %8.3f M/CPU-s%n", name, rate[rate.length / 2] / 1e6,
            rate[rate.length - 1] / 1e6);
    }
}
