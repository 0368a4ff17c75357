package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dissect.theory.SupervisedContrastiveBound;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dissect bound sc}: the Theorem 2 bound on the SC loss over all multiset batches. */
@Command(name = "sc", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Theorem 2: lower bound on the SC loss summed over all C(N+b-1, b) multiset batches, and its mean.")
final class BoundScCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--classes", required = true, paramLabel = "K", description = "number of classes K >= 2")
    int classes;

    @Option(names = "--per-class", required = true, paramLabel = "n", description = "points per class n >= 1 (N = K*n)")
    int perClass;

    @Option(names = "--batch", required = true, paramLabel = "b", description = "batch size b >= 2")
    int batch;

    @ArgGroup(exclusive = true, multiplicity = "1")
    RadiusOptions radius;

    @Option(names = "--table", description = "list l, M_l and each term of the sum")
    boolean table;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(classes, perClass, batch, radius.rho2());
        double mean = bound.meanBound();
        String batches = bound.batchCount().toString();
        String total = bound.totalBound().toString();
        String note = batch == 2 ? "b = 2 is trivial: every anchor's only possible positive is itself or none, the bound is 0" : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("classes", classes).put("perClass", perClass).put("size", bound.size()).put("batch", batch)
                .put("rho2", bound.rho2()).put("meanBound", mean).put("batchCount", batches).put("totalBound", total);
            if (note != null) {
                o.put("note", note);
            }
            if (table) {
                ArrayNode rows = o.putArray("terms");
                for (SupervisedContrastiveBound.Term t : bound.terms()) {
                    rows.addObject().put("l", t.l()).put("Ml", t.batchCountWithMultiplicity().toString())
                        .put("level", t.level()).put("contribution", t.contribution().toString());
                }
            }
            Json.print(out, o);
            return 0;
        }
        out.printf("Theorem 2 (SC) bound: K=%d, n=%d, N=%d, b=%d, rho^2=%s%n", classes, perClass, bound.size(), batch,
            bound.rho2());
        out.printf("  batches |B| = C(N+b-1, b)   %s%n", batches.length() <= 40 ? batches
            : batches.charAt(0) + "." + batches.substring(1, 16) + "e" + (batches.length() - 1) + " (" + batches.length()
            + " digits; exact with --json)");
        out.printf("  total bound on L_SC         %s%n", total);
        out.printf("  mean bound L_SC/|B|         %.10f%n", mean);
        if (note != null) {
            out.println("  note: " + note);
        }
        if (table) {
            out.printf("%n  %4s  %-28s  %-22s  %s%n", "l", "M_l", "l*log(l-1+(b-l)e^-c)", "M_l * level");
            for (SupervisedContrastiveBound.Term t : bound.terms()) {
                out.printf("  %4d  %-28s  %-22.15g  %s%n", t.l(), abbreviate(t.batchCountWithMultiplicity().toString()),
                    t.level(), t.contribution());
            }
        }
        out.flush();
        return 0;
    }

    /** Long integers in the table read as their leading digits and digit count. */
    private static String abbreviate(String digits) {
        return digits.length() <= 28 ? digits : digits.substring(0, 12) + "...(" + digits.length() + " digits)";
    }
}
