package org.dissect.opencl;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.opencl.OpenCLLoader;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The one place that finds the OpenCL device and checks that an Aparapi kernel really ran on it.
 *
 * <p>Aparapi falls back to Java threads with only a log warning when it cannot translate, compile or
 * run a kernel. Every OpenCL engine of the toolkit therefore compiles explicitly first
 * ({@code Kernel.compile(device)} throws instead of falling back) and, after each launch, asks
 * {@link #failure} whether the kernel ran on the device: {@code isRunningCL()}, the target device and
 * {@code KernelPreferences.getFailedDevices()}, with the last warning Aparapi logged as the reason.
 */
public final class OpenClRuntime {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its settings. */
    private static final Logger APARAPI = Logger.getLogger("com.aparapi");
    private static volatile Optional<OpenCLDevice> cached;

    private OpenClRuntime() {
    }

    /**
     * The OpenCL device the toolkit uses: the first GPU, else the first accelerator, else the first CPU
     * device (PoCL), as Aparapi lists them. Looked up once; any failure to load Aparapi's native library
     * or the OpenCL ICD loader counts as no device.
     *
     * @return the device, or empty
     */
    public static Optional<OpenCLDevice> device() {
        Optional<OpenCLDevice> d = cached;
        if (d == null) {
            synchronized (OpenClRuntime.class) {
                d = cached;
                if (d == null) {
                    d = lookup();
                    cached = d;
                }
            }
        }
        return d;
    }

    /**
     * @return the device, or an {@link IllegalArgumentException} with a one-line explanation
     */
    public static OpenCLDevice require() {
        return device().orElseThrow(() -> new IllegalArgumentException(
            "no OpenCL device found (install an OpenCL runtime, e.g. apt-get install pocl-opencl-icd); use --engine java"));
    }

    private static Optional<OpenCLDevice> lookup() {
        quietConsole();
        try {
            if (!OpenCLLoader.isOpenCLAvailable()) {
                return Optional.empty();
            }
            List<OpenCLDevice> all = OpenCLDevice.listDevices(null);
            for (Device.TYPE type : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU}) {
                for (OpenCLDevice device : all) {
                    if (device.getType() == type) {
                        return Optional.of(device);
                    }
                }
            }
            return Optional.empty();
        } catch (Throwable e) {
            // UnsatisfiedLinkError (no native library, no libOpenCL) and the like: no device.
            return Optional.empty();
        }
    }

    /**
     * Aparapi's warnings (an untested platform version, a fallback) go to our own capture and reports,
     * not to the console, where they would break the one-line error rule.
     */
    private static void quietConsole() {
        APARAPI.setUseParentHandlers(false);
    }

    /**
     * @param device an OpenCL device
     * @return its name and platform, e.g. {@code "pthread-haswell-AMD EPYC (Portable Computing Language)"}
     */
    public static String describe(OpenCLDevice device) {
        String platform = device.getOpenCLPlatform() == null ? "" : device.getOpenCLPlatform().getName();
        return device.getName().trim() + (platform == null || platform.isBlank() ? "" : " (" + platform.trim() + ")");
    }

    /**
     * @param kernel a kernel just executed
     * @param device the device it should have run on
     * @param capture the warnings Aparapi logged meanwhile
     * @return why the last launch did not run on the OpenCL device, or null if it did
     */
    public static String failure(Kernel kernel, OpenCLDevice device, WarningCapture capture) {
        List<Device> failed = KernelManager.instance().getPreferences(kernel).getFailedDevices();
        Device target = kernel.getTargetDevice();
        if (kernel.isRunningCL() && failed.isEmpty() && target instanceof OpenCLDevice cl
            && cl.getDeviceId() == device.getDeviceId()) {
            return null;
        }
        String why = capture.last() != null ? capture.last() : "Aparapi ran the kernel in " + kernel.getExecutionMode() + " mode";
        return oneLine(why);
    }

    /**
     * @param s a message that may span lines
     * @return the message on one line, at most 200 characters
     */
    public static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown reason";
        }
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** Keeps the last warning Aparapi logs while attached, the only place it states why it fell back. */
    public static final class WarningCapture extends Handler implements AutoCloseable {
        private final Logger logger = APARAPI;
        private volatile String last;

        /** Starts capturing. */
        public WarningCapture() {
            logger.addHandler(this);
        }

        /** @return the last warning, or null */
        public String last() {
            return last;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage() != null) {
                last = record.getMessage();
            }
        }

        @Override
        public void flush() {
        }

        /** Stops capturing. */
        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
