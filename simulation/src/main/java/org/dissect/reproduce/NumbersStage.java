package org.dissect.reproduce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dissect.report.OutputFolder;
import org.dissect.theory.BatchSampling;
import org.dissect.theory.SupConFloor;
import org.dissect.theory.SupervisedContrastive;
import org.dissect.theory.SupervisedContrastiveBound;

/**
 * The paper's numbers that need no simulation: the Theorem 2 bounds of Fig. 6 and Section 5.2
 * (CIFAR-10, and the same for CIFAR-100), and the practitioner's SupCon floors for common training setups.
 */
final class NumbersStage implements Stage {
    @Override
    public String name() {
        return "numbers";
    }

    @Override
    public Section run(Context ctx) throws Exception {
        OutputFolder out = ctx.folder(name());
        List<Comparison> cmp = new ArrayList<>();
        SupervisedContrastiveBound fig6 = new SupervisedContrastiveBound(3, 4, 9, 1.0);
        cmp.add(new Comparison("Fig. 6: Theorem 2 mean bound (K=3, n=4, b=9, ρ=1, |𝔅| = " + fig6.batchCount() + ")", "12.12015",
            OutputFolder.fixed(fig6.meanBound(), 5), "", "exact: " + OutputFolder.fixed(fig6.meanBoundExact(), 12)));
        SupervisedContrastiveBound c10 = new SupervisedContrastiveBound(10, 5000, 256, 10.0);
        cmp.add(new Comparison("Sec. 5.2: Theorem 2 mean bound, CIFAR-10 (K=10, N=50,000, b=256, ρ²=10)", "824.487",
            OutputFolder.fixed(c10.meanBound(), 3), "", "the paper's ResNet-18 reaches 824.731 / 824.523 after 100k / 500k "
            + "iterations; |𝔅| has " + c10.batchCount().toString().length() + " digits"));
        SupervisedContrastiveBound c100 = new SupervisedContrastiveBound(100, 500, 256, 10.0);
        cmp.add(new Comparison("Theorem 2 mean bound, CIFAR-100 (K=100, N=50,000, b=256, ρ²=10)", "—",
            OutputFolder.fixed(c100.meanBound(), 3), "", "not in the paper"));

        StringBuilder floors = new StringBuilder("| data set | K | batch × views | τ | floor (shuffled loader) | floor (i.i.d.) | "
            + "floor (multisets) | uninformative level |\n|---|---|---|---|---|---|---|---|\n");
        List<List<?>> rows = new ArrayList<>();
        for (int classes : new int[] {10, 100}) {
            for (int batch : new int[] {256, 512, 1024}) {
                for (double tau : new double[] {0.07, 0.1}) {
                    double[] f = new double[3];
                    double level = 0;
                    BatchSampling[] order = {BatchSampling.WITHOUT_REPLACEMENT, BatchSampling.WITH_REPLACEMENT, BatchSampling.MULTISET};
                    for (int i = 0; i < 3; i++) {
                        SupConFloor floor = SupConFloor.of(classes, 50_000, batch, 2, tau,
                            SupervisedContrastive.DEFAULT_BASE_TEMPERATURE, order[i]);
                        f[i] = floor.lossFloor();
                        level = floor.uninformativeLevel();
                    }
                    String name = classes == 10 ? "CIFAR-10" : "CIFAR-100";
                    floors.append("| ").append(name).append(" | ").append(classes).append(" | ").append(batch).append(" × 2 | ")
                        .append(tau).append(" | ").append(OutputFolder.fixed(f[0], 4)).append(" | ").append(OutputFolder.fixed(f[1], 4))
                        .append(" | ").append(OutputFolder.fixed(f[2], 4)).append(" | ").append(OutputFolder.fixed(level, 4)).append(" |\n");
                    rows.add(List.of(name, classes, 50_000, batch, 2, tau, SupervisedContrastive.DEFAULT_BASE_TEMPERATURE, f[0], f[1],
                        f[2], level));
                }
            }
        }
        out.writeCsv("supcon_floors.csv", List.of("dataset", "classes", "dataset_size", "batch", "views", "temperature",
            "base_temperature", "floor_without_replacement", "floor_with_replacement", "floor_multiset", "uninformative_level"), rows);
        List<List<?>> boundRows = new ArrayList<>();
        for (Comparison c : cmp) {
            boundRows.add(List.of(c.quantity(), c.paper(), c.theory()));
        }
        out.writeCsv("bounds.csv", List.of("quantity", "paper", "ours"), boundRows);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("stage", name());
        manifest.put("baseTemperature", SupervisedContrastive.DEFAULT_BASE_TEMPERATURE);
        manifest.put("views", 2);
        manifest.put("datasetSize", 50_000);
        out.writeManifest(manifest);
        String md = "Closed-form values, no simulation. The SupCon floor is the expected value of the loss Khosla et al.'s "
            + "code reports (mean over the 2·bsz anchors, factor τ/τ_base, τ_base = 0.07) when every class sits on a simplex "
            + "vertex; the uninformative level is the same loss when all features coincide, where training starts in high "
            + "dimension. A training log lies between the two.\n\n" + floors
            + "\nFiles: `bounds.csv`, `supcon_floors.csv`, `manifest.json`.\n";
        return new Section("The paper's numbers and SupCon training floors", md, cmp);
    }
}
