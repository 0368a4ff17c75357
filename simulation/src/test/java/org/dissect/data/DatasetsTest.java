package org.dissect.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dissect.io.BadInputException;
import org.dissect.io.MalformedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    /**
     * The UCI description of the optdigits test set ({@code optdigits.names}, "Class distribution", testing column)
     * gives 1,797 images with these class counts; scikit-learn's copy is that test set.
     */
    @Test
    void digitsHave1797ImagesIn10ClassesWithTheUciCounts() {
        Dataset d = Datasets.digits();
        assertEquals(1797, d.size());
        assertEquals(64, d.dim());
        assertEquals(10, d.classes());
        assertEquals(1797, d.trainPool());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts(0, d.size()));
        double max = 0;
        for (double v : d.inputs()) {
            assertTrue(v >= 0 && v <= 1 && Math.rint(v * 16) == v * 16, "pixels are k/16: " + v);
            max = Math.max(max, v);
        }
        assertEquals(1, max);
        // the first row of the resource, as printed by zcat: 0,0,5,13,9,1,0,0,... label 0
        assertEquals(5 / 16.0, d.inputs()[2]);
        assertEquals(13 / 16.0, d.inputs()[3]);
        assertEquals(0, d.labels()[0]);
    }

    @Test
    void fashionMnistHas60000TrainingAnd10000TestImages() throws IOException {
        // CI sets DISSECT_REQUIRE_FASHION_MNIST (.ci/run installs the package): there a missing package fails
        assumeTrue(Files.isDirectory(Datasets.FASHION_MNIST_DIR) || System.getenv("DISSECT_REQUIRE_FASHION_MNIST") != null,
            "apt-get install dataset-fashion-mnist");
        Dataset d = Datasets.fashionMnist(Datasets.FASHION_MNIST_DIR);
        assertEquals(70000, d.size());
        assertEquals(784, d.dim());
        assertEquals(60000, d.trainPool());
        for (int c : d.classCounts(0, 60000)) {
            assertEquals(6000, c);
        }
        for (int c : d.classCounts(60000, 70000)) {
            assertEquals(1000, c);
        }
    }

    @Test
    void aMissingFashionMnistNamesThePackage() {
        BadInputException e = assertThrows(BadInputException.class, () -> Datasets.fashionMnist(dir.resolve("none")));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void userCsvAndNpyFiles() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "label,a,b\n0,1,2\n1,3,4\n1,5,6\n");
        Dataset d = Datasets.files(csv, null);
        assertEquals(3, d.size());
        assertEquals(2, d.classes());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.inputs());
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        Path x = Files.write(dir.resolve("x.npy"), org.dissect.io.NpyTestWriter.array(1, "<f8", new int[] {2, 2}, 1, 2, 3, 4));
        Path y = Files.write(dir.resolve("y.npy"), org.dissect.io.NpyTestWriter.array(1, "<i8", new int[] {2}, 1, 0));
        Dataset n = Datasets.files(x, y);
        assertArrayEquals(new int[] {1, 0}, n.labels());
        assertArrayEquals(new double[] {1, 2, 3, 4}, n.inputs());
    }

    @Test
    void userFilesThatDisagreeAreRefusedNamingTheFile() throws IOException {
        Path x = Files.write(dir.resolve("x.npy"), org.dissect.io.NpyTestWriter.array(1, "<f8", new int[] {2, 2}, 1, 2, 3, 4));
        Path y3 = Files.write(dir.resolve("y3.npy"), org.dissect.io.NpyTestWriter.array(1, "<i8", new int[] {3}, 1, 0, 1));
        Path one = Files.write(dir.resolve("one.npy"), org.dissect.io.NpyTestWriter.array(1, "<i8", new int[] {2}, 0, 0));
        Path gap = Files.writeString(dir.resolve("gap.csv"), "0,1\n2,3\n0,4\n");
        assertTrue(assertThrows(BadInputException.class, () -> Datasets.files(x, y3)).getMessage()
            .contains("3 labels for 2 input rows"));
        assertTrue(assertThrows(BadInputException.class, () -> Datasets.files(x, null)).getMessage().contains("--labels"));
        assertTrue(assertThrows(BadInputException.class, () -> Datasets.files(x, one)).getMessage().contains("at least 2 classes"));
        assertTrue(assertThrows(MalformedInputException.class, () -> Datasets.files(gap, null)).getMessage()
            .contains("class 1 has no points"));
        assertTrue(assertThrows(BadInputException.class, () -> Datasets.files(dir.resolve("no.csv"), null)).getMessage()
            .contains("no such file"));
    }
}
