package org.dissect.descent;

import org.dissect.engine.RanOn;
import org.dissect.enumeration.Enumeration;
import org.dissect.enumeration.EnumerationProblem;
import org.dissect.enumeration.EnumerationRequest;
import org.dissect.enumeration.EnumerationResult;

/**
 * The exact-mode objective {@code L_SC/|𝔅|} and its gradient from the enumeration engine: one pass over
 * every multiset batch per evaluation, on whichever engine was opened (Java threads or OpenCL).
 */
public final class EnumeratedScLoss implements ExactScLoss {
    private final Enumeration engine;
    private final int[] labels;
    private final int classes;
    private final int batch;
    private final int dim;

    /**
     * @param engine an open enumeration engine (not closed here)
     * @param labels N labels (kept by reference)
     * @param classes K
     * @param batch b
     * @param dim h
     */
    public EnumeratedScLoss(Enumeration engine, int[] labels, int classes, int batch, int dim) {
        this.engine = engine;
        this.labels = labels;
        this.classes = classes;
        this.batch = batch;
        this.dim = dim;
    }

    @Override
    public double meanLossAndGradient(double[] z, double[] gradient) {
        EnumerationProblem problem = new EnumerationProblem(Points.rows(z, dim), labels, classes, batch);
        EnumerationResult r = engine.enumerate(problem, gradient == null ? EnumerationRequest.loss()
            : EnumerationRequest.lossAndGradient());
        double count = r.batchCount();
        if (gradient != null) {
            for (int n = 0; n < r.gradient().length; n++) {
                for (int k = 0; k < dim; k++) {
                    gradient[n * dim + k] = r.gradient()[n][k] / count;
                }
            }
        }
        return r.totalLoss() / count;
    }

    @Override
    public RanOn engine() {
        return engine.engine();
    }
}
