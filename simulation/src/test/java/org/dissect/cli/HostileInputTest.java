package org.dissect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile user: sizes that overflow an int or the heap, exact work that would never end, output paths that
 * cannot be written, labels that imply billions of classes, results beyond the double range. Every case must end
 * within seconds with exit 2, one line on stderr naming the option or file, nothing on stdout, no stack trace,
 * and nothing written.
 */
class HostileInputTest {
    private static final String FIG6 = "../docs/examples/fig6-simplex.csv";

    @TempDir
    static Path dir;

    static Path file;
    static Path bigLabel;
    static Path sparseLabels;

    @BeforeEach
    void files() throws IOException {
        file = Files.writeString(dir.resolve("a-file"), "x");
        bigLabel = Files.writeString(dir.resolve("big-label.csv"), "0,1,0\n2000000000,0,1\n");
        sparseLabels = Files.writeString(dir.resolve("labels-5-7-9.csv"), "5,1,0\n7,0,1\n9,1,1\n");
        Files.write(dir.resolve("x.npy"), org.dissect.io.NpyTestWriter.array(1, "<f8", new int[] {2, 2}, 1, 2, 3, 4));
        Files.write(dir.resolve("y3.npy"), org.dissect.io.NpyTestWriter.array(1, "<i8", new int[] {3}, 1, 0, 1));
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        String sc = "simulate sc --classes 3 --per-class 4 --dim 2 --rho 1 --batch 9 ";
        // 2: int arithmetic
        c.add(of("--classes 2147483647 x --per-class 2147483647", "bound sc --classes 2147483647 --per-class 2147483647 --batch 3 --rho 1"));
        c.add(of("--per-class must be at least 1", "bound sc --classes 3 --per-class 0 --batch 9 --rho 1"));
        c.add(of("--batch must be at least 2", "bound sc --classes 3 --per-class 4 --batch 1 --rho 1"));
        c.add(of("the points (N*h coordinates (N=1000000000, h=512)) needs 5.12e11 entries, more than a Java array holds", "simulate sc --classes 10 --per-class 100000000 --dim 512 --batch 9 --rho 1 --mode sampled"));
        c.add(of("((N+K)*h coordinates (N=2000000000, K=2000000000, h=2)) needs 8.00e9 entries", "simulate ce --classes 2000000000 --per-class 1 --dim 2 --rho 1 --lambda 0.1"));
        // 3: allocations sized by the user
        c.add(of("--classes 10 --per-class 1000 --dim 100000 --batch 9 needs about", "simulate sc --classes 10 --per-class 1000 --dim 100000 --batch 9 --rho 1 --mode sampled"));
        c.add(of("--dim 100000000 needs about", "simulate ce --classes 3 --per-class 1 --dim 100000000 --rho 1 --lambda 0.1"));
        c.add(of("a batch's Gram matrix (b^2 entries, b=2147483647) needs 4.61e18 entries", sc.replace("--batch 9", "--batch 2147483647") + "--mode sampled"));
        c.add(of("--batch 1000000000 is more than", "bound supcon --classes 10 --dataset-size 50000 --batch 1000000000 --temperature 0.1 --sampling with-replacement"));
        c.add(of("K = 2000000001 classes but only 2 points", "enumerate " + "@big --batch 3"));
        c.add(of("K = 2000000001 classes but only 2 points", "geometry @big"));
        c.add(of("K = 10 classes but only 3 points", "enumerate @sparse --batch 3"));
        c.add(of("K = 10 classes but only 3 points", "geometry @sparse"));
        // 4: unbounded exact work
        c.add(of("more than 2^63-1", "enumerate " + FIG6 + " --batch 2147483647"));
        c.add(of("more than 2^63-1", sc.replace("--batch 9", "--batch 1000") + "--mode exact"));
        c.add(of("--batch 2147483647: the Theorem 2 mean bound would sum", "bound sc --classes 3 --per-class 4 --batch 2147483647 --rho 1"));
        c.add(of("--table lists the exact M_l", "bound sc --classes 10 --per-class 5000 --batch 20000 --rho 1 --table"));
        // 5: output paths checked before the work
        c.add(of("--out @file: is a file", sc + "--out @file"));
        c.add(of("is a file, not a directory", sc + "--out @file/sub"));
        c.add(of("cannot create files in /proc", "simulate ce --classes 3 --per-class 4 --dim 2 --rho 1 --lambda 0.1 --out /proc/dissect-out"));
        c.add(of("--out @file: is a file", "reproduce numbers --out @file"));
        c.add(of("cannot create files in /proc", "reproduce numbers --out /proc/dissect-out"));
        c.add(of("--histogram @dir: is a directory", "enumerate " + FIG6 + " --batch 9 --histogram @dir"));
        c.add(of("--gradient /proc/g.csv: cannot create files", "enumerate " + FIG6 + " --batch 9 --gradient /proc/g.csv"));
        c.add(of("--out @file: is a file", "notebook run ../notebooks-java/01-cross-entropy-bounds.ipynb --out @file"));
        // geometry's SC/CE comparison and figure: bad values, absurd batches, unwritable figures
        String geometry = "geometry " + FIG6 + " ";
        c.add(of("are mutually exclusive", geometry + "--rho 1 --temperature 0.1"));
        c.add(of("--rho must be finite and positive, got 0.0", geometry + "--rho 0"));
        c.add(of("--temperature must be finite and positive, got -1.0", geometry + "--temperature -1"));
        c.add(of("'foo' is not one of multiset, with-replacement, without-replacement", geometry + "--sampling foo"));
        c.add(of("--batch must be at least 2, got 1", geometry + "--batch 1"));
        c.add(of("--batch 100000 is more than 65536", geometry + "--batch 100000"));
        c.add(of("--batch 13 is larger than the N = 12 features", geometry + "--batch 13 --sampling without-replacement"));
        c.add(of("multiply-adds, more than 1e+12", geometry + "--batch 2000 --samples 200000"));
        c.add(of("--samples must be at least 2, got 0", geometry + "--samples 0"));
        c.add(of("--figure /proc/fig7.png: cannot create files in /proc", geometry + "--figure /proc/fig7.png"));
        c.add(of("the name must end in .png or .svg", geometry + "--figure @dir/fig7.pdf"));
        c.add(of("a-file is not a directory", geometry + "--figure @file/fig7.png"));
        c.add(of("--rho 1.0E200 gives rho^2 beyond the largest double", geometry + "--rho 1e200"));
        // 7: sweeps: every cell checked before any work, the cell or option named
        String sweep = "sweep sc --classes 2:3 --per-class 2 --dim 2 --batch 3 --rho 1 --out @dir/sweep ";
        c.add(of("--classes: '2:' in '2:' is not a number or a range", sweep.replace("2:3", "2:")));
        c.add(of("--classes: the range '5:2' is empty", sweep.replace("2:3", "5:2")));
        c.add(of("--dim: 'a' in 'a' is not a number", sweep.replace("--dim 2", "--dim a")));
        c.add(of("--rho: '1:' in '1:' is not a number", sweep.replace("--rho 1", "--rho 1:")));
        c.add(of("--restarts must be at least 1, got 0", sweep + "--restarts 0"));
        c.add(of("--dim: empty value; expected a list a,b,c or a range from:to", sweep.replace("--dim 2", "--dim=")));
        c.add(of("cell 'sc sizes=40;40 h=2 b=40 rho2=1.0", sweep.replace("--per-class 2", "--per-class 2,40").replace("--batch 3", "--batch 40")));
        c.add(of("cell 'sc sizes=2;2 h=100000000 b=3", sweep.replace("--dim 2", "--dim 2,100000000")));
        c.add(of("--threads must be at least 1", sweep + "--threads 0"));
        c.add(of("--class-sizes 6: give at least two classes", "sweep sc --class-sizes 6 --dim 2 --batch 3 --rho 1"));
        c.add(of("--class-sizes replaces --classes", sweep + "--class-sizes 3,3"));
        c.add(of("--imbalance must be at least 1", sweep + "--imbalance 0.5"));
        c.add(of("give exactly one of --rho, --rho2 and --temperature", sweep + "--temperature 0.1"));
        c.add(of("cell 'sc sizes=2;2 h=2 b=3 rho2=400.0", sweep.replace("--rho 1", "--rho 20")));
        // 6: non-finite results
        c.add(of("the loss floor is beyond the double range", "bound supcon --classes 10 --dataset-size 50000 --batch 256 --temperature 1e308"));
        c.add(of("--rho 1.0E200 gives rho^2 beyond the largest double", "bound sc --classes 3 --per-class 4 --batch 9 --rho 1e200"));
        c.add(of("--temperature 1.0E-320 gives rho^2 = 1/tau beyond", "bound sc --classes 3 --per-class 4 --batch 9 --temperature 1e-320"));
        // 7: dissect train (issue 10's bad input): data sets, p, widths, split sizes, labels, engines, output
        String train = "train --iterations 5 --per-class 5 --widths 8,4 ";
        c.add(of("--data 'nosuch': not digits, fashion-mnist or an existing file", train + "--data nosuch"));
        c.add(of("--corruption must lie in [0, 1], got 1.5", train + "--corruption 1.5"));
        c.add(of("--corruption must lie in [0, 1], got -0.1", train + "--corruption -0.1"));
        c.add(of("--widths must be at least 1, got 0", "train --widths 16,0"));
        c.add(of("--per-class 175 is more than the 174 images of class 8 in digits", "train --per-class 175"));
        c.add(of("@dir/y3.npy: 3 labels for 2 input rows", train + "--data @dir/x.npy --labels @dir/y3.npy"));
        c.add(of("--labels is required with .npy inputs", train + "--data @dir/x.npy"));
        c.add(of("unknown loss 'foo': expected ce, ce-fix or sc", train + "--loss foo"));
        c.add(of("unknown --corruption-kind 'half'", train + "--corruption-kind half"));
        c.add(of("--engine opencl is not available for training an encoder", train + "--engine opencl"));
        c.add(of("more than 2^31 weights", "train --widths 100000,100000"));
        c.add(of("--widths 40000,40000 --batch 256 --per-class 100 needs about", "train --widths 40000,40000"));
        c.add(of("needs a regular simplex of K = 10", train + "--loss ce-fix --widths 8,4"));
        c.add(of("--out @file: is a file", train + "--out @file"));
        return c.stream();
    }

    private static Arguments of(String expected, String args) {
        return Arguments.of(expected, args);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    @Timeout(30)
    void isRefusedAtOnceWithOneLineNamingTheCause(String expected, String command) throws IOException {
        String[] args = command.replace("@file", file.toString()).replace("@dir", dir.toString())
            .replace("@big", bigLabel.toString()).replace("@sparse", sparseLabels.toString()).split(" ");
        long before;
        try (Stream<Path> s = Files.list(dir)) {
            before = s.count();
        }
        CliRun r = CliRun.of(args);
        String want = expected.replace("@file", file.toString()).replace("@dir", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(want), "expected '" + want + "' in: " + r.err());
        assertTrue(r.err().startsWith("dissect "), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().length() < 400, "a short line: " + r.err().length() + " characters");
        assertFalse(r.err().contains("Exception") && r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(before, s.count(), "nothing written");
        }
    }

    @org.junit.jupiter.api.Test
    void aRadiusWhoseSquareUnderflowsIsStillValid() {
        CliRun tiny = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "9", "--rho", "1e-200", "--json");
        CliRun limit = CliRun.of("bound", "sc", "--classes", "3", "--per-class", "4", "--batch", "9", "--rho2", "1e-300", "--json");
        assertEquals(0, tiny.exitCode(), tiny.err());
        // rho^2 = 1e-400 and 1e-300 agree to every digit: exp(-K rho^2/(K-1)) = 1 in double for both
        assertEquals(limit.json().get("meanBound").asDouble(), tiny.json().get("meanBound").asDouble(), 0.0);
        assertEquals(limit.json().get("totalBound").asText(), tiny.json().get("totalBound").asText());
    }

    @org.junit.jupiter.api.Test
    @Timeout(30)
    void rWAtTheEndsOfTheDoubleRangeIsSolvedNotRefused() {
        // K = 3, rho = 1e200, lambda = 1: the root is 6.0929e-198 (40-digit bisection in CrossEntropyBoundsRangeProperties);
        // before the overflow-free solver this printed 4.7319e-198
        CliRun r = CliRun.of("bound", "ce", "--classes", "3", "--rho", "1e200", "--lambda", "1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(6.0929e-198, r.json().get("rW").asDouble(), 1e-4 * 6.0929e-198);
        CliRun top = CliRun.of("bound", "ce", "--classes", "3", "--rho", "1e308", "--lambda", "1", "--json");
        assertEquals(0, top.exitCode(), top.err());
        assertTrue(top.json().get("rW").asDouble() > 0 && Double.isFinite(top.json().get("bound").asDouble()), top.out());
    }
}
