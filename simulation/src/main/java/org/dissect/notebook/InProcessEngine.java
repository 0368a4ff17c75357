package org.dissect.notebook;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process ("local") execution engine, with the snippets' classes loaded by a child of a
 * given class loader: the runner's own.
 *
 * <p>The JDK's {@code executionEngine("local")} defines snippet classes in a loader whose parent is the
 * system class loader. That is right when the toolkit itself comes from the system class path (the
 * shaded jar, Maven Surefire), but when the runner is loaded by another loader (an IDE, {@code exec:java},
 * an application server) the snippets would get a second copy of every toolkit class, and
 * {@link Display}'s static sink, installed by the runner in its copy, would never see their figures.
 * Parenting the snippet loader on the runner's loader makes the snippets link against exactly the
 * classes the runner uses, however it was launched. {@link LocalExecutionControl} still runs each
 * snippet in its own thread of this JVM and implements {@code stop()} with {@code Thread.stop} (JDK 17).
 */
final class InProcessEngine implements ExecutionControlProvider {
    private final ClassLoader parent;
    private final AtomicReference<String> refusal = new AtomicReference<>();

    /** @param parent the loader the snippets' classes delegate to first */
    InProcessEngine(ClassLoader parent) {
        this.parent = parent;
    }

    @Override
    public String name() {
        return "dissect-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new LocalExecutionControl(new Delegate(new SnippetLoader(parent), refusal));
    }

    /**
     * JShell reports a class it could not install as a valid snippet that simply did not run, so a refusal is
     * kept here for the runner to pick up after each snippet.
     *
     * @return why the last snippet's classes were refused (and forgets it), or null if they were not
     */
    String takeRefusal() {
        return refusal.getAndSet(null);
    }

    /** Installs JShell's compiled snippet classes into a {@link SnippetLoader}. */
    private static final class Delegate implements LoaderDelegate {
        private final SnippetLoader loader;
        private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
        private final AtomicReference<String> refusal;

        Delegate(SnippetLoader loader, AtomicReference<String> refusal) {
            this.loader = loader;
            this.refusal = refusal;
        }

        @Override
        public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
            boolean[] installed = new boolean[cbcs.length];
            for (ClassBytecodes cbc : cbcs) {
                String exit = ExitCalls.find(cbc.bytecodes());
                if (exit != null) {
                    String why = "a notebook cell may not end the JVM that runs it, but this one calls " + exit
                        + ": throw an exception to fail the cell instead";
                    refusal.set(why);
                    throw new ClassInstallException(why, installed);
                }
            }
            try {
                for (ClassBytecodes cbc : cbcs) {
                    loader.declare(cbc.name(), cbc.bytecodes());
                }
                for (int i = 0; i < cbcs.length; i++) {
                    Class<?> c = loader.loadClass(cbcs[i].name());
                    classes.put(cbcs[i].name(), c);
                    installed[i] = true;
                    // Link now, so that a verification error belongs to this snippet.
                    c.getDeclaredMethods();
                }
            } catch (Throwable t) {
                throw new ClassInstallException("load: " + t.getMessage(), installed);
            }
        }

        @Override
        public void classesRedefined(ClassBytecodes[] cbcs) {
            for (ClassBytecodes cbc : cbcs) {
                loader.declare(cbc.name(), cbc.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws InternalException {
            for (String element : path.split(File.pathSeparator)) {
                if (element.isEmpty()) {
                    continue;
                }
                try {
                    loader.add(Path.of(element).toUri().toURL());
                } catch (MalformedURLException | RuntimeException e) {
                    throw new InternalException("bad class path element " + element + ": " + e.getMessage());
                }
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = classes.get(name);
            if (c == null) {
                throw new ClassNotFoundException(name + " not found");
            }
            return c;
        }
    }

    /** Defines snippet classes from the bytes JShell compiled; everything else comes from the parent first. */
    private static final class SnippetLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();
        private final ProtectionDomain domain;

        SnippetLoader(ClassLoader parent) {
            super(new URL[0], parent);
            URL location;
            try {
                location = new URL("file:/jshell/snippets");
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
            domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
        }

        void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        void add(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = declared.get(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length, domain);
        }
    }
}
