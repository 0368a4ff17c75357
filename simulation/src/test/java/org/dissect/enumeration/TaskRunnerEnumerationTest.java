package org.dissect.enumeration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.dissect.parallel.TaskFunction;
import org.dissect.parallel.TaskRunner;

/**
 * {@link TaskRunnerEnumeration} returns the Java engine's bits: the lanes travel as Spark ships them (the function and
 * every task and result through Java serialization) in blocks of lanes that depend on the runner's parallelism, and
 * run in reverse order, and the sums still come out the same.
 */
class TaskRunnerEnumerationTest {
    /** Runs the tasks last to first, each a serialized copy of the function on a serialized copy of the task. */
    private static final class ReversedSerializingRunner implements TaskRunner {
        private final int parallelism;

        ReversedSerializingRunner(int parallelism) {
            this.parallelism = parallelism;
        }

        @Override
        public <T extends Serializable, R extends Serializable> List<R> map(List<T> tasks, TaskFunction<T, R> task,
                                                                           LongConsumer progress) {
            List<R> results = new ArrayList<>(Collections.nCopies(tasks.size(), null));
            for (int i = tasks.size() - 1; i >= 0; i--) {
                TaskFunction<T, R> remote = copy(task);
                results.set(i, copy(remote.apply(copy(tasks.get(i)))));
                progress.accept(1);
            }
            return results;
        }

        @Override
        public int parallelism() {
            return parallelism;
        }

        @Override
        public String describe() {
            return "reversed";
        }

        @Override
        public void close() {
        }
    }

    @SuppressWarnings("unchecked")
    static <X> X copy(X x) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(x);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (X) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 12)
    void equalsTheJavaEngineBitForBit(@ForAll @IntRange(min = 2, max = 4) int classes,
                                      @ForAll @IntRange(min = 2, max = 4) int perClass,
                                      @ForAll @IntRange(min = 1, max = 4) int dim,
                                      @ForAll @IntRange(min = 4, max = 7) int batch,
                                      @ForAll boolean histogram, @ForAll @IntRange(min = 1, max = 40) int parallelism,
                                      @ForAll long seed) {
        EnumerationProblem p = TestProblems.random(classes, perClass, dim, batch, 1.5, seed);
        EnumerationRequest request = new EnumerationRequest(true, histogram, null);
        EnumerationResult expected;
        try (JavaEnumeration java = new JavaEnumeration(3)) {
            expected = java.enumerate(p, request);
        }
        AtomicLong reported = new AtomicLong();
        EnumerationResult actual = new TaskRunnerEnumeration(new ReversedSerializingRunner(parallelism))
            .enumerate(p, request.withProgress(reported::addAndGet));
        assertEquals(expected.lanes(), actual.lanes());
        assertEquals(Double.doubleToLongBits(expected.totalLoss()), Double.doubleToLongBits(actual.totalLoss()));
        assertArrayEquals(expected.gradientGram(), actual.gradientGram());  // JUnit compares doubles' bits
        for (int i = 0; i < p.size(); i++) {
            assertArrayEquals(expected.gradient()[i], actual.gradient()[i]);
        }
        if (histogram) {
            List<LossHistogram.Group> want = expected.histogram().groups();
            List<LossHistogram.Group> got = actual.histogram().groups();
            assertEquals(want.size(), got.size());
            for (int g = 0; g < want.size(); g++) {
                assertArrayEquals(want.get(g).counts(), got.get(g).counts());
                assertEquals(want.get(g).batches(), got.get(g).batches());
                assertArrayEquals(new double[] {want.get(g).minLoss(), want.get(g).meanLoss(), want.get(g).maxLoss()},
                    new double[] {got.get(g).minLoss(), got.get(g).meanLoss(), got.get(g).maxLoss()});
            }
        }
        assertEquals(p.batchCount(), reported.get(), "progress counts every batch once");
        assertEquals("java on reversed", actual.engine().toString());
    }
}
