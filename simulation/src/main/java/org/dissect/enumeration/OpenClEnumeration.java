package org.dissect.enumeration;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.Arrays;
import java.util.Optional;
import org.dissect.engine.RanOn;
import org.dissect.opencl.KernelSession;
import org.dissect.opencl.OpenClRuntime;

/**
 * The OpenCL engine: {@link BatchLossClKernel} through Aparapi, one work-item per rank range (lane), in
 * doubles; per-item compensated partial sums, added on the host in item order.
 *
 * <p>The rank space is walked in passes (a few thousand batches per item in the first, then sized to take
 * about half a second), which bounds each kernel launch (GPU watchdogs) and drives progress reports.
 *
 * <p><b>Honest reporting.</b> The kernel lives in a {@link KernelSession}, the toolkit's one implementation of
 * Aparapi's fallback rules (explicit compilation, every launch checked). If OpenCL fails, this engine runs the
 * {@link JavaEnumeration} instead, for that call and every later one, and its {@link #engine()} and results say
 * {@code java} with Aparapi's reason as the fallback. It never reports OpenCL for a run that was not.
 *
 * <p>Not thread-safe; one enumeration at a time. Holds the kernel between calls (compiled once).
 */
public final class OpenClEnumeration implements Enumeration {
    /** Seconds one pass should take once the speed is known. */
    static final double PASS_SECONDS = 0.5;
    /** Batches per item in the first pass. */
    static final long FIRST_PASS = 4096;

    private final KernelSession<BatchLossClKernel> session = new KernelSession<>(new BatchLossClKernel());
    private final int fallbackThreads;

    /**
     * @param fallbackThreads threads of the Java engine that takes over if OpenCL fails, at least 1
     * @throws IllegalArgumentException if no OpenCL device is present
     */
    public OpenClEnumeration(int fallbackThreads) {
        if (fallbackThreads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + fallbackThreads);
        }
        this.fallbackThreads = fallbackThreads;
    }

    @Override
    public RanOn engine() {
        return session.engine(RanOn.java(fallbackThreads));
    }

    /**
     * @return the OpenCL device this engine uses ({@link OpenClRuntime#device()}), or empty
     */
    public static Optional<OpenCLDevice> device() {
        return OpenClRuntime.device();
    }

    @Override
    public EnumerationResult enumerate(EnumerationProblem problem, EnumerationRequest request) {
        long started = System.nanoTime();
        if (session.fellBack()) {
            return fallback(problem, request, started);
        }
        OpenCLDevice device = device().orElseThrow();
        ConfigurationIndex configurations = request.histogram()
            ? new ConfigurationIndex(problem.classes(), problem.batch()) : null;
        int wanted = device.getType() == Device.TYPE.GPU ? Math.max(1, device.getMaxComputeUnits()) * 512
            : Math.max(1, device.getMaxComputeUnits()) * 16;
        int items = Lanes.count(wanted, problem, request.gradient(), configurations == null ? 0 : configurations.size());
        try (OpenClRuntime.WarningCapture capture = new OpenClRuntime.WarningCapture()) {
            BatchLossClKernel kernel = session.kernel();
            load(kernel, problem, request, configurations, items);
            if (!session.compile()) {
                return fallback(problem, request, started);
            }
            kernel.put(kernel.labels).put(kernel.shift).put(kernel.expFull).put(kernel.expOffT).put(kernel.expDiag)
                .put(kernel.gramSame).put(kernel.table).put(kernel.laneLo).put(kernel.laneHi)
                .put(kernel.lossSum).put(kernel.lossComp)
                .put(kernel.blockA).put(kernel.blockW).put(kernel.gradSum).put(kernel.gradComp).put(kernel.blockBatches)
                .put(kernel.codeDelta).put(kernel.hashKeys).put(kernel.hashValues).put(kernel.histCount)
                .put(kernel.histSum).put(kernel.histComp).put(kernel.histMin).put(kernel.histMax)
                .put(kernel.tuple).put(kernel.levelS).put(kernel.levelR).put(kernel.levelCount).put(kernel.levelQ)
                .put(kernel.levelT).put(kernel.levelPos).put(kernel.levelCode)
                .put(kernel.levelDistinct).put(kernel.levelLastCopies).put(kernel.inverse).put(kernel.distinct).put(kernel.copies)
                .put(kernel.distinctLabel).put(kernel.active).put(kernel.base)
                .put(kernel.leafD).put(kernel.runU).put(kernel.runV);
            long longest = 0;
            for (int g = 0; g < items; g++) {
                longest = Math.max(longest, kernel.laneHi[g] - kernel.laneLo[g]);
            }
            long offset = 0;
            long length = Math.min(FIRST_PASS, longest);
            while (offset < longest) {
                kernel.passOffset = offset;
                kernel.passLength = length;
                long t0 = System.nanoTime();
                if (!session.launch(items, capture)) {
                    return fallback(problem, request, started);
                }
                double seconds = (System.nanoTime() - t0) * 1e-9;
                long done = 0;
                for (int g = 0; g < items; g++) {
                    long lo = Math.min(kernel.laneHi[g], kernel.laneLo[g] + offset);
                    done += Math.min(kernel.laneHi[g], lo + length) - lo;
                }
                request.progress().accept(done);
                offset += length;
                double factor = seconds > 0 ? Math.min(8, Math.max(0.25, PASS_SECONDS / seconds)) : 8;
                length = Math.max(1, Math.min(1L << 40, (long) (length * factor)));
            }
            kernel.get(kernel.lossSum).get(kernel.lossComp);
            if (request.gradient()) {
                kernel.get(kernel.gradSum).get(kernel.gradComp);
            }
            if (configurations != null) {
                kernel.get(kernel.histCount).get(kernel.histSum).get(kernel.histComp).get(kernel.histMin)
                    .get(kernel.histMax);
            }
            return collect(problem, request, configurations, items, engine(), started);
        }
    }

    /** Sizes and fills the kernel's arrays for one enumeration. */
    private static void load(BatchLossClKernel kernel, EnumerationProblem problem, EnumerationRequest request,
                             ConfigurationIndex configurations, int items) {
        int n = problem.size();
        int b = problem.batch();
        int k = problem.classes();
        kernel.n = n;
        kernel.b = b;
        kernel.k = k;
        kernel.gradient = request.gradient() ? 1 : 0;
        kernel.histogram = configurations == null ? 0 : 1;
        kernel.blockLimit = Math.max(BatchLossKernel.GRADIENT_BLOCK, n * n);
        kernel.labels = problem.labelArray().clone();
        kernel.shift = problem.shift().clone();
        kernel.expFull = problem.expFull().clone();
        kernel.expOffT = problem.expOffTransposed().clone();
        kernel.expDiag = problem.expDiagonal().clone();
        kernel.gramSame = problem.gramSameClass().clone();
        kernel.table = problem.ranking().table();
        long count = problem.batchCount();
        kernel.laneLo = new long[items];
        kernel.laneHi = new long[items];
        for (int g = 0; g < items; g++) {
            kernel.laneLo[g] = Lanes.start(count, items, g);
            kernel.laneHi[g] = Lanes.start(count, items, g + 1);
        }
        kernel.tuple = new int[items * b];
        kernel.levelS = new double[items * b * n];
        kernel.levelR = new double[items * b * n];
        kernel.levelCount = new int[items * b * k];
        kernel.levelQ = new double[items * b * k];
        kernel.levelT = new double[items * b * k];
        kernel.levelPos = new double[items * b];
        kernel.levelCode = new long[items * b];
        kernel.levelDistinct = new int[items * b];
        kernel.levelLastCopies = new int[items * b];
        kernel.inverse = new double[b + 1];
        for (int c = 1; c <= b; c++) {
            kernel.inverse[c] = 1.0 / c;
        }
        kernel.distinct = new int[items * b];
        kernel.copies = new int[items * b];
        kernel.distinctLabel = new int[items * b];
        kernel.active = new int[items * b];
        kernel.base = new double[items * b];
        kernel.lossSum = new double[items];
        kernel.lossComp = new double[items];
        boolean g = request.gradient();
        kernel.blockA = new double[g ? items * n * n : 1];
        kernel.blockW = new double[g ? items * n * n : 1];
        kernel.gradSum = new double[g ? items * n * n : 1];
        kernel.gradComp = new double[g ? items * n * n : 1];
        kernel.blockBatches = new int[g ? items : 1];
        kernel.leafD = new double[g ? items * b : 1];
        kernel.runU = new double[g ? items * b : 1];
        kernel.runV = new double[g ? items * b : 1];
        if (configurations != null) {
            int c = configurations.size();
            kernel.configs = c;
            kernel.codeDelta = configurations.codeDelta().clone();
            kernel.hashKeys = configurations.keys().clone();
            kernel.hashValues = configurations.values().clone();
            kernel.hashBits = configurations.bits();
            kernel.hashMask = configurations.keys().length - 1;
            kernel.histCount = new long[items * c];
            kernel.histSum = new double[items * c];
            kernel.histComp = new double[items * c];
            kernel.histMin = new double[items * c];
            kernel.histMax = new double[items * c];
            Arrays.fill(kernel.histMin, Double.POSITIVE_INFINITY);
            Arrays.fill(kernel.histMax, Double.NEGATIVE_INFINITY);
        } else {
            kernel.configs = 1;
            kernel.codeDelta = new long[1];
            kernel.hashKeys = new long[1];
            kernel.hashValues = new int[1];
            kernel.hashBits = 1;
            kernel.hashMask = 0;
            kernel.histCount = new long[1];
            kernel.histSum = new double[1];
            kernel.histComp = new double[1];
            kernel.histMin = new double[1];
            kernel.histMax = new double[1];
        }
    }

    /** Runs the Java engine after an OpenCL failure; the result names Java, with Aparapi's reason. */
    private EnumerationResult fallback(EnumerationProblem problem, EnumerationRequest request, long started) {
        try (JavaEnumeration java = new JavaEnumeration(fallbackThreads)) {
            EnumerationResult r = java.enumerate(problem, request);
            double seconds = (System.nanoTime() - started) * 1e-9;
            return new EnumerationResult(session.engine(r.engine()), r.threads(), r.lanes(), r.batchCount(), r.totalLoss(),
                seconds, r.gradientGram(), r.gradient(), r.histogram());
        }
    }

    private EnumerationResult collect(EnumerationProblem problem, EnumerationRequest request,
                                      ConfigurationIndex configurations, int items, RanOn ranOn, long started) {
        BatchLossClKernel k = session.kernel();
        int nn = problem.size() * problem.size();
        int c = configurations == null ? 0 : configurations.size();
        LaneReduction.Parts parts = new LaneReduction.Parts() {
            @Override
            public double lossSum(int g) {
                return k.lossSum[g];
            }

            @Override
            public double lossCompensation(int g) {
                return k.lossComp[g];
            }

            @Override
            public double gradientSum(int g, int e) {
                return k.gradSum[g * nn + e];
            }

            @Override
            public double gradientCompensation(int g, int e) {
                return k.gradComp[g * nn + e];
            }

            @Override
            public long histogramCount(int g, int h) {
                return k.histCount[g * c + h];
            }

            @Override
            public double histogramSum(int g, int h) {
                return k.histSum[g * c + h];
            }

            @Override
            public double histogramCompensation(int g, int h) {
                return k.histComp[g * c + h];
            }

            @Override
            public double histogramMin(int g, int h) {
                return k.histMin[g * c + h];
            }

            @Override
            public double histogramMax(int g, int h) {
                return k.histMax[g * c + h];
            }
        };
        return LaneReduction.combine(problem, request, configurations, items, parts, ranOn, items, started);
    }

    @Override
    public void close() {
        session.close();
    }

}
