package org.dissect.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dissect.descent.LossTrace;
import org.dissect.report.OutputFolder;

/** What {@code simulate --out DIR} writes: the final configuration, the loss trace and the manifest. */
final class RunFolder {
    private RunFolder() {
    }

    /**
     * @param dir the folder (created)
     * @param points final N·h points
     * @param dim h
     * @param labels N labels
     * @param weights final K·h weights, or null
     * @param trace the loss trace
     * @param manifest every parameter, the seed, the engine, and the results
     * @throws IOException if writing fails
     */
    static void write(Path dir, double[] points, int dim, int[] labels, double[] weights, LossTrace trace,
                      Map<String, ?> manifest) throws IOException {
        OutputFolder out = OutputFolder.create(dir);
        out.writePoints("configuration.csv", points, dim, labels);
        if (weights != null) {
            out.writePoints("weights.csv", weights, dim, null);
        }
        List<List<?>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            rows.add(List.of(trace.step(i), trace.value(i)));
        }
        out.writeCsv("trace.csv", List.of("step", "loss"), rows);
        out.writeManifest(manifest);
    }
}
