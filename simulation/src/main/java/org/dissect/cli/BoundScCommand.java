package org.dissect.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dissect.enumeration.Allocation;
import org.dissect.io.BadInputException;
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

    /**
     * The exact big-integer values (|𝔅|, the total, the table) cost about b big-integer operations on numbers
     * of digits(|𝔅|) digits; beyond this product (about a second) only the log-space values are printed.
     */
    static final double EXACT_WORK_LIMIT = 2e7;

    @Override
    public Integer call() {
        Options.atLeast("--classes", classes, 2);
        Options.atLeast("--per-class", perClass, 1);
        Options.atLeast("--batch", batch, 2);
        int size = Options.product("--classes", classes, "--per-class", perClass);
        SupervisedContrastiveBound bound = new SupervisedContrastiveBound(classes, size / classes, batch, radius.rho2());
        double log10Count = bound.log10BatchCount();
        double digits = Math.floor(log10Count) + 1;
        boolean exact = batch * digits <= EXACT_WORK_LIMIT;
        if (table && !exact) {
            throw new BadInputException("--table lists the exact M_l, but |B| has " + (long) digits + " digits and b = " + batch
                + ": too large to compute exactly (b * digits above " + (long) EXACT_WORK_LIMIT + ")");
        }
        double mean = Options.meanBound(bound);
        String batches = exact ? bound.batchCount().toString() : null;
        String total = exact ? bound.totalBound().toString() : null;
        String note = batch == 2 ? "b = 2 is trivial: every anchor's only possible positive is itself or none, the bound is 0" : null;
        String skipped = exact ? null : "|B| has " + (long) digits + " digits: the exact |B| and total bound were skipped "
            + "(b * digits above " + (long) EXACT_WORK_LIMIT + "); the mean bound is computed in log space";
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("classes", classes).put("perClass", perClass).put("size", bound.size()).put("batch", batch)
                .put("rho2", bound.rho2()).put("meanBound", mean).put("batchCount", batches).put("totalBound", total)
                .put("log10BatchCount", log10Count);
            if (note != null) {
                o.put("note", note);
            }
            if (skipped != null) {
                o.put("exactNote", skipped);
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
        out.printf("  batches |B| = C(N+b-1, b)   %s%n", batches == null ? Allocation.scientific(log10Count, 10) + " (" + (long) digits + " digits)"
            : batches.length() <= 40 ? batches
            : batches.charAt(0) + "." + batches.substring(1, 16) + "e" + (batches.length() - 1) + " (" + batches.length()
            + " digits; exact with --json)");
        out.printf("  total bound on L_SC         %s%n", total != null ? total
            : Allocation.scientific(log10Count + Math.log10(mean), 10) + " (log space)");
        out.printf("  mean bound L_SC/|B|         %.10f%n", mean);
        if (note != null) {
            out.println("  note: " + note);
        }
        if (skipped != null) {
            out.println("  note: " + skipped);
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
