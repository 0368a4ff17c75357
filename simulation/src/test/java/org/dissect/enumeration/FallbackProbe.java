package org.dissect.enumeration;

/**
 * Run in a child JVM by {@link OpenClEnumerationTest}: enumerates a tiny problem with the OpenCL engine and
 * prints {@code kind|fallback|total|kind the engine reports afterwards} on one line.
 */
public final class FallbackProbe {
    private FallbackProbe() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        double[][] z = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        int[] labels = {0, 0, 1, 1};
        EnumerationProblem p = new EnumerationProblem(z, labels, 2, 3);
        try (Enumeration e = new OpenClEnumeration(1)) {
            EnumerationResult r = e.enumerate(p, EnumerationRequest.loss());
            System.out.println(r.engine().kind().label() + "|" + r.engine().fallback() + "|" + r.totalLoss() + "|"
                + e.engine().kind().label());
        }
    }
}
