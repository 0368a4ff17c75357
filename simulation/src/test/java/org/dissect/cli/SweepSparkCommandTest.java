package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dissect sweep --spark local[2]}: the cells of local threads, bit for bit, from Spark partitions. */
class SweepSparkCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "sweep sc --classes 2:3 --per-class 1,2 --dim 1:2 --batch 3,4 --rho 1 --mode exact,full --restarts 2 --seed 3",
        "sweep ce --class-sizes 2,2 --class-sizes 3,1 --dim 2 --rho 1 --lambda 0.05 --restarts 2 --steps 3000 --seed 5"})
    void sparkWritesTheSameCsvAsLocalThreads(String grid) throws IOException {
        CliRun threads = CliRun.of((grid + " --threads 2 --out " + dir.resolve("threads")).split(" "));
        CliRun spark = CliRun.of((grid + " --spark local[2] --out " + dir.resolve("spark")).split(" "));
        assertEquals(0, threads.exitCode(), threads.err());
        assertEquals(0, spark.exitCode(), spark.err());
        assertArrayEquals(Files.readAllBytes(dir.resolve("threads/cells.csv")), Files.readAllBytes(dir.resolve("spark/cells.csv")));
        assertTrue(Files.readString(dir.resolve("spark/manifest.json")).contains("Apache Spark local[2]"),
            Files.readString(dir.resolve("spark/manifest.json")));
        assertTrue(spark.err().lines().noneMatch(l -> l.startsWith("spark:")), "Spark's logging stays off the console: " + spark.err());
    }
}
