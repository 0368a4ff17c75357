package org.dissect.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dissect.io.BadInputException;
import org.junit.jupiter.api.Test;

class TaskRunnersTest {
    @Test
    void withoutAMasterTheTasksRunOnLocalThreads() {
        try (TaskRunner r = TaskRunners.create(null, 3)) {
            assertInstanceOf(LocalTaskRunner.class, r);
            assertEquals(3, r.parallelism());
        }
        assertThrows(BadInputException.class, () -> TaskRunners.create(null, 0));
    }

    @Test
    void aMissingSparkRunnerIsOneLineSayingHowToGetSpark() {
        BadInputException e = assertThrows(BadInputException.class,
            () -> TaskRunners.create("local[2]", 2, "org.dissect.spark.NoSuchRunner"));
        assertEquals("--spark needs Apache Spark on the class path (./dissect adds it; with plain java run org.dissect.cli.Dissect with Spark's jars on -cp)", e.getMessage());
        // a runner class without the (String master) constructor, or no runner at all, is a programming error
        assertThrows(IllegalStateException.class, () -> TaskRunners.create("local[2]", 2, LocalTaskRunner.class.getName()));
        assertThrows(IllegalStateException.class, () -> TaskRunners.create("local[2]", 2, String.class.getName()));
    }

    @Test
    void aRunnerIsConstructedByNameWithTheMaster() {
        try (TaskRunner r = TaskRunners.create("local[5]", 1, FakeRunner.class.getName())) {
            assertEquals("fake local[5]", r.describe());
        }
    }

    /** Stands in for the Spark runner: a public (String master) constructor. */
    public static final class FakeRunner implements TaskRunner {
        private final String master;

        public FakeRunner(String master) {
            this.master = master;
        }

        @Override
        public <T extends java.io.Serializable, R extends java.io.Serializable> java.util.List<R> map(java.util.List<T> tasks,
                TaskFunction<T, R> task, java.util.function.LongConsumer progress) {
            return tasks.stream().map(task).toList();
        }

        @Override
        public int parallelism() {
            return 1;
        }

        @Override
        public String describe() {
            return "fake " + master;
        }

        @Override
        public void close() {
        }
    }
}
