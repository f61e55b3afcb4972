package org.xfer4j.repurposers.metamodel.lr;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.repurposers.metamodel.internal.ClassNames;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;
import org.xfer4j.repurposers.metamodel.internal.StandardizedClassifier;

/** A fitted {@code lr} model: the softmax weights over standardised features. */
final class LrClassifier extends StandardizedClassifier {

    private static final String PARAMETERS = "lr.parameters";

    private final SoftmaxModel model;
    private final double[] parameters;

    LrClassifier(List<String> classes, Standardizer standardizer, double[] parameters) {
        super("lr", classes, standardizer);
        this.model = new SoftmaxModel(standardizer.width(), classes.size());
        if (parameters.length != model.parameterCount()) {
            throw new InvalidInputException("lr payload entry '" + PARAMETERS + "' holds " + parameters.length
                    + " parameters; "
                    + classes.size() + " classes over " + standardizer.width() + " features need "
                    + model.parameterCount());
        }
        this.parameters = parameters;
    }

    @Override
    protected double[][] probabilities(double[] x, int rows) {
        int d = featureCount();
        double[][] out = new double[rows][model.classes()];
        double[] z = new double[model.classes()];
        for (int i = 0; i < rows; i++) {
            model.probabilities(parameters, x, i * d, z, out[i]);
        }
        return out;
    }

    /** Gemm with one weight row per class (a zero row for class 0 with two classes, as predict fixes it), Softmax. */
    @Override
    protected String exportModel(OnnxHead head, String x) {
        int d = featureCount();
        int k = model.classes();
        double[] w = new double[k * d];
        double[] b = new double[k];
        for (int r = 0; r < model.rows(); r++) {
            int c = model.classOfRow(r);
            System.arraycopy(parameters, r * (d + 1), w, c * d, d);
            b[c] = parameters[r * (d + 1) + d];
        }
        String logits = head.op("Gemm", Map.of("transB", 1L), x, head.constant(w, k, d), head.constant(b, k));
        return head.op("Softmax", Map.of("axis", -1L), logits);
    }

    @Override
    protected void saveModel(PayloadWriter payload) {
        payload.putDoubles(PARAMETERS, parameters, model.rows(), featureCount() + 1);
    }

    /** Reads what {@link #save} wrote. */
    static LrClassifier load(PayloadReader payload) {
        return new LrClassifier(ClassNames.load(payload), Standardizer.load(payload), payload.getDoubles(PARAMETERS));
    }
}
