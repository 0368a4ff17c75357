package org.dissect.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.zip.GZIPInputStream;
import org.dissect.io.BadInputException;
import org.dissect.io.LabelledFiles;
import org.dissect.io.IdxReader;
import org.dissect.io.LabelledPoints;

/**
 * The data sets {@code dissect train} reads: the UCI digits shipped as a resource, Fashion-MNIST from its Debian
 * package, and the user's own files.
 */
public final class Datasets {
    /** The name of the shipped digits. */
    public static final String DIGITS = "digits";
    /** The name of Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Where Debian's {@code dataset-fashion-mnist} installs the IDX files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The resource holding the digits: 1,797 rows of 64 pixel values 0..16 and the label. */
    static final String DIGITS_RESOURCE = "digits.csv.gz";
    /** Pixels per digit image (8×8). */
    static final int DIGITS_PIXELS = 64;
    /** The largest digits pixel value (a count of on-pixels in a 4×4 block). */
    static final double DIGITS_MAX = 16;
    /** The largest Fashion-MNIST pixel value. */
    static final double BYTE_MAX = 255;
    private static final int TEN = 10;

    private Datasets() {
    }

    /**
     * The UCI optical-recognition digits (Alpaydin and Kaynak 1998; the copy scikit-learn bundles): 1,797 images of
     * 8×8 pixels, 10 classes, pixels scaled from 0..16 to [0, 1]. No designated test set.
     *
     * @return the data set
     * @throws IllegalStateException if the resource is missing or damaged (a broken build)
     */
    public static Dataset digits() {
        try (InputStream raw = Datasets.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the digits resource " + DIGITS_RESOURCE + " is missing from the build");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            double[] x = new double[0];
            int[] y = new int[0];
            int n = 0;
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                if (f.length != DIGITS_PIXELS + 1) {
                    throw new IllegalStateException("digits resource line " + (n + 1) + " has " + f.length + " fields");
                }
                if (n == y.length) {
                    y = Arrays.copyOf(y, Math.max(16, 2 * n));
                    x = Arrays.copyOf(x, y.length * DIGITS_PIXELS);
                }
                for (int d = 0; d < DIGITS_PIXELS; d++) {
                    x[n * DIGITS_PIXELS + d] = Integer.parseInt(f[d]) / DIGITS_MAX;
                }
                y[n++] = Integer.parseInt(f[DIGITS_PIXELS]);
            }
            return new Dataset(DIGITS, Arrays.copyOf(x, n * DIGITS_PIXELS), DIGITS_PIXELS, Arrays.copyOf(y, n), TEN, n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the digits resource: " + e.getMessage(), e);
        }
    }

    /**
     * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence) from Debian's {@code dataset-fashion-mnist}: 60,000
     * training and 10,000 test images of 28×28 pixels, 10 classes, pixels scaled from 0..255 to [0, 1]. Training splits
     * come from the 60,000; the 10,000 are the designated test set.
     *
     * @param dir the folder of the four {@code *-ubyte.gz} files
     * @return the data set, the training images first
     * @throws BadInputException naming the package to install if the folder or a file is missing, or a file is malformed
     * @throws IOException if a file cannot be read
     */
    public static Dataset fashionMnist(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--data fashion-mnist: " + dir + " not found; install Debian's package with "
                + "'apt-get install dataset-fashion-mnist'");
        }
        try {
            IdxReader.Array train = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));
            int[] trainLabels = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
            IdxReader.Array test = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
            int[] testLabels = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));
            sameCount(dir.resolve("train-labels-idx1-ubyte.gz"), train, trainLabels);
            sameCount(dir.resolve("t10k-labels-idx1-ubyte.gz"), test, testLabels);
            int dim = train.itemLength();
            if (test.itemLength() != dim) {
                throw new BadInputException(dir.resolve("t10k-images-idx3-ubyte.gz") + ": images of " + test.itemLength()
                    + " pixels, the training images have " + dim);
            }
            int n = train.count() + test.count();
            double[] x = new double[Math.multiplyExact(n, dim)];
            for (int i = 0; i < train.values().length; i++) {
                x[i] = train.value(i) / BYTE_MAX;
            }
            int offset = train.values().length;
            for (int i = 0; i < test.values().length; i++) {
                x[offset + i] = test.value(i) / BYTE_MAX;
            }
            int[] y = new int[n];
            System.arraycopy(trainLabels, 0, y, 0, trainLabels.length);
            System.arraycopy(testLabels, 0, y, trainLabels.length, testLabels.length);
            for (int i = 0; i < n; i++) {
                if (y[i] >= TEN) {
                    throw new BadInputException(dir + ": label " + y[i] + " of image " + i + " is outside 0..9");
                }
            }
            return new Dataset(FASHION_MNIST, x, dim, y, TEN, train.count());
        } catch (NoSuchFileException e) {
            throw new BadInputException("--data fashion-mnist: " + e.getFile() + " not found; install Debian's package with "
                + "'apt-get install dataset-fashion-mnist'");
        }
    }

    /**
     * The user's data: a labelled CSV file (label, then the inputs; {@link LabelledPoints}) or a {@code .npy} matrix of
     * N×d inputs with N labels in a {@code .npy} vector or a text file (one per line). K is the largest label plus one; every class must be present
     * ({@link LabelledPoints#requireEveryClass}). No designated test set.
     *
     * @param inputs the inputs file
     * @param labels the labels of {@code .npy} inputs ({@code .npy} or text), or null
     * @return the data set
     * @throws BadInputException naming the file for every defect (missing, malformed, shapes or labels that disagree)
     */
    public static Dataset files(Path inputs, Path labels) {
        LabelledFiles.Rows read = LabelledFiles.read(inputs, labels, OptionalInt.empty(), "input");
        double[][] x = read.rows();
        int[] y = read.labels();
        if (x.length == 0 || x[0].length == 0) {
            throw new BadInputException(inputs + ": no inputs");
        }
        String source = (labels != null ? labels : inputs).toString();
        int k = 1 + Arrays.stream(y).max().orElse(0);
        for (int label : y) {
            if (label < 0) {
                throw new BadInputException(source + ": label " + label + " is negative");
            }
        }
        if (k < 2) {
            throw new BadInputException(source + ": need at least 2 classes, the labels give K = " + k);
        }
        LabelledPoints.requireEveryClass(source, y, k);
        int dim = x[0].length;
        double[] flat = new double[Math.multiplyExact(x.length, dim)];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * dim, dim);
        }
        return new Dataset(inputs.toString(), flat, dim, y, k, x.length);
    }

    /**
     * The data set the command line names: {@code digits}, {@code fashion-mnist} (from {@link #FASHION_MNIST_DIR}) or a
     * file ({@link #files}).
     *
     * @param name the name or the path
     * @param labels the labels of {@code .npy} inputs, or null
     * @return the data set
     * @throws BadInputException for a name that is neither a data set nor an existing file, or any defect of the data
     * @throws IOException if a Fashion-MNIST file cannot be read
     */
    public static Dataset byName(String name, Path labels) throws IOException {
        if (name.equals(DIGITS) || name.equals(FASHION_MNIST)) {
            if (labels != null) {
                throw new BadInputException("--labels applies to --data FILE.npy only, not to --data " + name);
            }
            return name.equals(DIGITS) ? digits() : fashionMnist(FASHION_MNIST_DIR);
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--data '" + name + "': not digits, fashion-mnist or an existing file");
        }
        return files(file, labels);
    }

    private static void sameCount(Path labelFile, IdxReader.Array images, int[] labels) {
        if (labels.length != images.count()) {
            throw new BadInputException(labelFile + ": " + labels.length + " labels for " + images.count() + " images");
        }
    }
}
