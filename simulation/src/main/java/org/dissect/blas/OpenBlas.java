package org.dissect.blas;

import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The one place that loads OpenBLAS (the JavaCPP presets' build, {@code org.bytedeco:openblas}, natives for
 * linux-x86_64 from Maven Central inside the jar: nothing is downloaded at run time) and sets its thread count.
 *
 * <p>Only {@code openblas_nolapack} is loaded. Never load a second BLAS into the same JVM (a system OpenBLAS
 * through netlib-java, say): two OpenBLAS copies in one process have ended in a SIGSEGV. The thread count is
 * process-wide in OpenBLAS; {@link #useThreads} sets it only when it changes (so once per run in practice,
 * never per product).
 */
public final class OpenBlas {
    private static volatile Optional<String> failure;
    private static String version = "";
    private static int threads;

    private OpenBlas() {
    }

    /**
     * Loads the natives on first use; any failure (no natives for this platform, a missing system library)
     * counts as unavailable.
     *
     * @return why OpenBLAS cannot be used, or empty if it loaded
     */
    public static Optional<String> unavailable() {
        Optional<String> f = failure;
        if (f == null) {
            synchronized (OpenBlas.class) {
                f = failure;
                if (f == null) {
                    f = load();
                    failure = f;
                }
            }
        }
        return f;
    }

    /** @return whether the natives loaded */
    public static boolean available() {
        return unavailable().isEmpty();
    }

    /**
     * @throws IllegalArgumentException with a one-line reason if the natives do not load
     */
    public static void require() {
        unavailable().ifPresent(reason -> {
            throw new IllegalArgumentException("the blas engine is not available: " + reason + "; use --engine java");
        });
    }

    private static Optional<String> load() {
        try {
            Loader.load(openblas_nolapack.class);
            String v = Loader.getVersion("org.bytedeco", "openblas", openblas_nolapack.class);
            version = v == null ? "" : v + " ";
            return Optional.empty();
        } catch (Throwable e) {
            // UnsatisfiedLinkError, NoClassDefFoundError (natives or presets missing), ExceptionInInitializerError
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of("OpenBLAS natives did not load (" + message.strip().replaceAll("\\s+", " ") + ")");
        }
    }

    /**
     * Sets OpenBLAS's thread count if it differs from the last one set ({@code blas_set_num_threads}).
     *
     * @param count threads, at least 1
     * @throws IllegalArgumentException if count is below 1 or the natives do not load
     */
    public static synchronized void useThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        require();
        if (count != threads) {
            openblas_nolapack.blas_set_num_threads(count);
            threads = count;
        }
    }

    /**
     * @param count the threads the engine uses
     * @return e.g. {@code "OpenBLAS 0.3.31-1.5.13 (JavaCPP), 2 threads"}
     */
    public static String describe(int count) {
        return "OpenBLAS " + version + "(JavaCPP), " + count + (count == 1 ? " thread" : " threads");
    }
}
