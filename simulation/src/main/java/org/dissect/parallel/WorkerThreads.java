package org.dissect.parallel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The toolkit's worker threads: daemon threads in one thread group of their own, a child of the JVM's root
 * group, so that they never belong to the thread group of the code that happens to start them.
 *
 * <p>A thread joins the group of the thread that creates it, and a pool creates its threads lazily, in
 * whichever thread first submits work. JShell's in-process executor (the notebook runner) runs each snippet
 * in a fresh thread group and joins every thread of that group, its subgroups included, before the snippet
 * returns: a pool started inside a snippet would keep it waiting forever. Hence the root group as parent.
 */
public final class WorkerThreads {
    /** The group of every worker thread. */
    public static final ThreadGroup GROUP = new ThreadGroup(root(), "dissect-workers");

    private WorkerThreads() {
    }

    /**
     * @param prefix the thread names' prefix; threads are named {@code prefix-1}, {@code prefix-2}, …
     * @return a factory of daemon threads in {@link #GROUP}
     */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger id = new AtomicInteger();
        return r -> {
            Thread t = new Thread(GROUP, r, prefix + "-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadGroup root() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }
}
