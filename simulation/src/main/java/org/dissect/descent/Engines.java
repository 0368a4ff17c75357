package org.dissect.descent;

import com.aparapi.device.Device;
import java.util.Optional;
import org.dissect.blas.OpenBlas;
import org.dissect.engine.Engine;
import org.dissect.engine.Precision;
import org.dissect.engine.RanOn;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.JavaEnumeration;
import org.dissect.enumeration.NaiveEnumeration;
import org.dissect.enumeration.OpenClEnumeration;
import org.dissect.opencl.OpenClRuntime;

/**
 * The registry: the one place that maps an engine choice ({@link Engine}) to an implementation, for each of the
 * toolkit's three computations. Every implementation reports where it really ran as a {@link RanOn}.
 * <table>
 *   <caption>Implementations</caption>
 *   <tr><th>computation</th><th>java</th><th>blas</th><th>opencl</th><th>naive</th></tr>
 *   <tr><td>{@link #scBatch SC batch gradient}</td><td>{@link JavaScBatchGradient}</td>
 *       <td>{@link BlasScBatchGradient}</td><td>{@link OpenClScBatchGradient}</td><td>-</td></tr>
 *   <tr><td>{@link #crossEntropy CE gradient}</td><td>{@link JavaCeGradient}</td><td>{@link BlasCeGradient}</td>
 *       <td>{@link OpenClCeGradient}</td><td>-</td></tr>
 *   <tr><td>{@link #enumeration exact enumeration}</td><td>{@link JavaEnumeration}</td><td>-</td>
 *       <td>{@link OpenClEnumeration}</td><td>{@link NaiveEnumeration}</td></tr>
 * </table>
 * A choice an operation does not implement is an {@link IllegalArgumentException} with a one-line message.
 *
 * <p><b>{@code auto}</b>, one rule for all three, from measurements (bench/README.md): an OpenCL GPU or
 * accelerator if present; else, for the descent's products, OpenBLAS if its natives load and the products are
 * large enough to gain from it ({@link #BLAS_MIN_FLOPS}); else Java. The exact enumeration has no dense
 * products: on a CPU-only machine it uses OpenCL on the CPU (PoCL) when present, because its kernel is
 * faster there than the Java threads; the descent's kernels are not (they launch thousands of times per run, and
 * two long PoCL runs ended in a SIGSEGV inside Aparapi's {@code KernelRunner}), so the descent leaves PoCL to
 * an explicit {@code --engine opencl}. When {@code auto} wanted OpenBLAS and its natives did not load, the Java
 * engine's report carries the reason as its fallback.
 */
public final class Engines {
    /**
     * The size of a product ({@code m²·h} for the SC batch, {@code N·K·h} for the cross-entropy) below which
     * {@code auto} keeps a descent on Java: there OpenBLAS's call and copy overhead outweighs its speed. Measured
     * (bench/README.md, "Descent", per CPU-second of one thread): Fig. 5's batch of 9 in 2-D ({@code m²h = 162}) runs
     * 7% faster on Java; from 30 points in 2-D ({@code 1800}) on, OpenBLAS is faster (Fig. 1's 300 points in 2-D:
     * 1.24×; its cross-entropy, {@code N·K·h = 1800}: 1.7×).
     */
    public static final long BLAS_MIN_FLOPS = 1L << 10;

    private Engines() {
    }

    /**
     * @param choice the engine choice
     * @param threads threads for the Java and OpenBLAS engines, at least 1
     * @param batch m, the rows of each batch (for {@code auto})
     * @param dim h
     * @return the single-batch SC engine, to be closed after use
     * @throws IllegalArgumentException for a choice not available here ({@code naive}; {@code opencl} without a
     *         device; {@code blas} without its natives)
     */
    public static ScBatchGradient scBatch(Engine choice, int threads, int batch, int dim) {
        return scBatch(choice, threads, batch, dim, Precision.DOUBLE);
    }

    /**
     * @param choice the engine choice
     * @param threads threads for the Java and OpenBLAS engines, at least 1
     * @param batch m, the rows of each batch (for {@code auto})
     * @param dim h
     * @param precision the products' format; {@link Precision#FLOAT} exists in the OpenBLAS engine only, so
     *        {@code auto} then means {@code blas} whatever the shape
     * @return the single-batch SC engine, to be closed after use
     * @throws IllegalArgumentException as {@link #scBatch(Engine, int, int, int)}, and for float with another engine
     *         than {@code blas} or {@code auto}
     */
    public static ScBatchGradient scBatch(Engine choice, int threads, int batch, int dim, Precision precision) {
        if (precision == Precision.FLOAT) {
            if (choice != Engine.AUTO && choice != Engine.BLAS) {
                throw new IllegalArgumentException("--precision float needs --engine blas (or auto), got --engine " + choice.label());
            }
            OpenBlas.require();
            return new BlasScBatchGradient(threads, Precision.FLOAT);
        }
        return switch (descent(choice, "the SC batch gradient", (long) batch * batch * dim)) {
            case OPENCL -> new OpenClScBatchGradient(threads);
            case BLAS -> new BlasScBatchGradient(threads);
            default -> new JavaScBatchGradient(threads, blasFailure(choice, (long) batch * batch * dim));
        };
    }

    /**
     * @param choice the engine choice
     * @param threads threads for the Java and OpenBLAS engines, at least 1
     * @param count N, the points
     * @param classes K
     * @param dim h
     * @return the cross-entropy engine, to be closed after use
     * @throws IllegalArgumentException as {@link #scBatch}
     */
    public static CeGradient crossEntropy(Engine choice, int threads, int count, int classes, int dim) {
        return switch (descent(choice, "the cross-entropy gradient", (long) count * classes * dim)) {
            case OPENCL -> new OpenClCeGradient(threads);
            case BLAS -> new BlasCeGradient(threads);
            default -> new JavaCeGradient(threads, blasFailure(choice, (long) count * classes * dim));
        };
    }

    /**
     * @param choice the engine choice
     * @param threads Java threads (of the Java engine, and of the Java fallback of the OpenCL one), at least 1
     * @return the exact enumeration engine, to be closed after use
     * @throws IllegalArgumentException for {@code blas}, or {@code opencl} without a device
     */
    public static Enumeration enumeration(Engine choice, int threads) {
        return switch (choice) {
            case AUTO -> OpenClRuntime.device().isPresent() ? new OpenClEnumeration(threads) : new JavaEnumeration(threads);
            case JAVA -> new JavaEnumeration(threads);
            case OPENCL -> new OpenClEnumeration(threads);
            case NAIVE -> new NaiveEnumeration();
            case BLAS -> throw unavailable(choice, "the exact enumeration", "auto, java, opencl or naive");
        };
    }

    /** Resolves a choice for one of the descent's products of {@code flops} multiply-adds. */
    private static Engine descent(Engine choice, String what, long flops) {
        return switch (choice) {
            case AUTO -> {
                if (OpenClRuntime.device().filter(d -> d.getType() != Device.TYPE.CPU).isPresent()) {
                    yield Engine.OPENCL;
                }
                yield flops >= BLAS_MIN_FLOPS && OpenBlas.available() ? Engine.BLAS : Engine.JAVA;
            }
            case OPENCL -> {
                OpenClRuntime.require();
                yield Engine.OPENCL;
            }
            case BLAS -> {
                OpenBlas.require();
                yield Engine.BLAS;
            }
            case JAVA -> Engine.JAVA;
            case NAIVE -> throw unavailable(choice, what, "auto, java, blas or opencl");
        };
    }

    /** @return why {@code auto} could not use OpenBLAS where it wanted to, or null */
    private static String blasFailure(Engine choice, long flops) {
        Optional<String> failure = choice == Engine.AUTO && flops >= BLAS_MIN_FLOPS ? OpenBlas.unavailable() : Optional.empty();
        return failure.orElse(null);
    }

    private static IllegalArgumentException unavailable(Engine choice, String what, String valid) {
        return new IllegalArgumentException("--engine " + choice.label() + " is not available for " + what + ": use " + valid);
    }
}
