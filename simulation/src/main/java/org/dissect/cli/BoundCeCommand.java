package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dissect.theory.Checks;
import org.dissect.theory.CrossEntropyBounds;
import org.dissect.theory.PenalizedBound;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect bound ce}: Theorem 1, Corollary 1 or Corollary 2. */
@Command(name = "ce", mixinStandardHelpOptions = true,
    description = "Cross-entropy lower bounds for features with ||z|| <= rho: Corollary 2 (--lambda), Corollary 1 (--weight-norm), Theorem 1 (--frobenius).")
final class BoundCeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--classes", required = true, paramLabel = "K", description = "number of classes K >= 2")
    int classes;

    @Option(names = "--rho", required = true, paramLabel = "R", description = "feature norm bound rho > 0")
    double rho;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Weights weights;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    static final class Weights {
        @Option(names = "--lambda", paramLabel = "L", description = "Corollary 2: L2 penalty lambda > 0 on ||W||_F^2 (r_W is solved)")
        Double lambda;

        @Option(names = "--weight-norm", paramLabel = "RW", description = "Corollary 1: bound r_W on every ||w_y||")
        Double weightNorm;

        @Option(names = "--frobenius", paramLabel = "F", description = "Theorem 1: the Frobenius norm ||W||_F")
        Double frobenius;
    }

    @Override
    public Integer call() {
        Checks.atLeast("--classes", classes, 2);
        Checks.positive("--rho", rho);
        ObjectNode o = Json.object();
        o.put("classes", classes).put("rho", rho);
        String theorem;
        if (weights.lambda != null) {
            PenalizedBound b = CrossEntropyBounds.corollary2(classes, rho, Checks.positive("--lambda", weights.lambda));
            theorem = "Corollary 2";
            o.put("theorem", theorem).put("lambda", weights.lambda).put("bound", b.bound()).put("rW", b.rW())
                .put("ce", b.ce()).put("penalty", b.penalty());
        } else if (weights.weightNorm != null) {
            double rW = Checks.positive("--weight-norm", weights.weightNorm);
            theorem = "Corollary 1";
            o.put("theorem", theorem).put("bound", CrossEntropyBounds.corollary1(classes, rho, rW)).put("rW", rW);
        } else {
            double f = Checks.positive("--frobenius", weights.frobenius);
            theorem = "Theorem 1";
            o.put("theorem", theorem).put("frobenius", f).put("bound", CrossEntropyBounds.theorem1(classes, rho, f))
                .put("rW", f / Math.sqrt(classes));
        }
        for (String key : new String[] {"bound", "rW", "ce", "penalty"}) {
            if (o.has(key)) {
                Options.finite(key, o.get(key).asDouble());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, o);
            return 0;
        }
        out.printf("%s (CE) bound: K=%d, rho=%s%n", theorem, classes, rho);
        if (o.has("lambda")) {
            out.printf("  lambda                      %s%n", o.get("lambda").asDouble());
        }
        if (o.has("frobenius")) {
            out.printf("  ||W||_F                     %s%n", o.get("frobenius").asDouble());
        }
        out.printf("  %-27s %.15g%n", weights.lambda != null ? "r_W (root of Corollary 2)" : o.has("frobenius")
            ? "r_W (= ||W||_F / sqrt(K))" : "r_W (given)", o.get("rW").asDouble());
        if (o.has("ce")) {
            out.printf("  CE part                     %.15g%n", o.get("ce").asDouble());
            out.printf("  penalty part lambda*K*r_W^2 %.15g%n", o.get("penalty").asDouble());
        }
        out.printf("  bound                       %.15g%n", o.get("bound").asDouble());
        out.flush();
        return 0;
    }
}
