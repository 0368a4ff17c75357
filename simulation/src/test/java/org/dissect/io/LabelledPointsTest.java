package org.dissect.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelledPointsTest {
    @TempDir
    Path dir;

    @Test
    void readsHeaderCommentsBlankLinesAndByteOrderMark() throws IOException {
        Path f = write("\uFEFFlabel, x, y\n# a comment\n\n0, 1.5, -2\n 2 ,3e-1,.5\r\n1,-0.0,+4\n");
        LabelledPoints p = LabelledPoints.read(f);
        assertEquals(3, p.size());
        assertEquals(2, p.dimension());
        assertEquals(3, p.classes());
        assertArrayEquals(new int[] {0, 2, 1}, p.labels());
        assertArrayEquals(new double[] {0.3, 0.5}, p.points()[1]);
        assertArrayEquals(new double[] {-0.0, 4}, p.points()[2]);
    }

    @Test
    void classesCanBeGivenButEveryClassMustHoldAPoint() throws IOException {
        LabelledPoints p = LabelledPoints.read(write("0,1\n1,2\n2,3\n"), OptionalInt.of(3));
        assertEquals(3, p.classes());
        Path twoPoints = write("0,1\n1,2\n");
        MalformedInputException moreClassesThanPoints = assertThrows(MalformedInputException.class,
            () -> LabelledPoints.read(twoPoints, OptionalInt.of(4)));
        assertEquals(twoPoints + ": K = 4 classes but only 2 points: labels must be 0..K-1 with every class present",
            moreClassesThanPoints.getMessage());
        Path gap = write("0,1\n2,2\n2,3\n");
        MalformedInputException empty = assertThrows(MalformedInputException.class, () -> LabelledPoints.read(gap));
        assertEquals(gap + ": class 1 has no points (K = 3): labels must be 0..K-1 with every class present", empty.getMessage());
    }

    @Test
    void writeThenReadGivesTheSameBits() throws IOException {
        double[][] z = {{Math.PI, -1e-300, 6.123233995736766e-17}, {Double.MIN_VALUE, 1e308, -0.1}};
        LabelledPoints p = new LabelledPoints(z, new int[] {1, 0}, 2);
        Path f = dir.resolve("round.csv");
        p.write(f);
        LabelledPoints q = LabelledPoints.read(f);
        assertArrayEquals(p.labels(), q.labels());
        for (int i = 0; i < z.length; i++) {
            assertArrayEquals(z[i], q.points()[i], 0.0);
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "0,1,2\\n1,2\\n | 2: 2 fields, expected 3 as on line 1",
        "label,x\\n0,1,2\\n | 2: 3 fields, expected 2 as on line 1",
        "0,1\\n1,NaN\\n | 2: coordinate 1 'NaN' is not a finite decimal number",
        "0,1\\n1,Infinity\\n | 2: coordinate 1 'Infinity' is not a finite decimal number",
        "0,1\\n\\n1,1e999\\n | 3: coordinate 1 '1e999' overflows a double",
        "0,1\\n1,0x1p3\\n | 2: coordinate 1 '0x1p3' is not a finite decimal number",
        "0,1\\n1,2f\\n | 2: coordinate 1 '2f' is not a finite decimal number",
        "0,1\\n1,\\n | 2: coordinate 1 is empty",
        "0,1\\n1.0,2\\n | 2: label '1.0' is not an integer",
        "0,1\\n-1,2\\n | 2: label -1 is outside 0..K-1",
        "0,1\\n99999999999,2\\n | 2: label '99999999999' is out of range",
        "0\\n1\\n | 1: a row needs a label and at least one coordinate, got 1 field",
        "# only a comment\\n\\n | no points (expected rows 'label,x1,...,xh')",
        "label,x,y\\n | no points (expected rows 'label,x1,...,xh')",
    })
    void defectsAreReportedWithFileLineAndReason(String content, String expected) throws IOException {
        Path f = write(content.replace("\\n", "\n"));
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> LabelledPoints.read(f));
        String where = expected.contains(":") && Character.isDigit(expected.charAt(0)) ? f + ":" + expected : f + ": " + expected;
        assertEquals(where, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void labelsAtOrAboveTheGivenClassCountAreRejected() throws IOException {
        Path f = write("0,1\n3,2\n");
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> LabelledPoints.read(f, OptionalInt.of(3)));
        assertEquals(f + ":2: label 3 is outside 0..2 (K=3)", e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void textThatIsNotUtf8IsRejected() throws IOException {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'0', ',', '1', '\n', '1', ',', (byte) 0xE9, '\n'});
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> LabelledPoints.read(f));
        assertEquals(f + ":2: not UTF-8 text", e.getMessage());
    }

    private Path write(String content) throws IOException {
        Path f = dir.resolve("points.csv");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }
}
