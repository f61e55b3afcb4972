package org.xfer4j.repurposers.metamodel.lr;

import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.repurposers.metamodel.internal.ClassNames;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;

/** A fitted {@code lr} model: the standardizer and the softmax weights over standardised features. */
final class LrClassifier implements FeatureClassifier {

    private static final String PARAMETERS = "lr.parameters";

    private final List<String> classes;
    private final Standardizer standardizer;
    private final SoftmaxModel model;
    private final double[] parameters;

    LrClassifier(List<String> classes, Standardizer standardizer, double[] parameters) {
        this.classes = List.copyOf(classes);
        this.standardizer = standardizer;
        this.model = new SoftmaxModel(standardizer.width(), classes.size());
        if (parameters.length != model.parameterCount()) {
            throw new InvalidInputException("lr payload holds " + parameters.length
                    + " parameters; " + classes.size() + " classes over " + standardizer.width() + " features need "
                    + model.parameterCount());
        }
        this.parameters = parameters;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int featureCount() {
        return standardizer.width();
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        double[] x = standardizer.transformChecked(features, "lr classifier");
        int d = featureCount();
        double[][] out = new double[features.rows()][classes.size()];
        double[] z = new double[classes.size()];
        for (int i = 0; i < out.length; i++) {
            model.probabilities(parameters, x, i * d, z, out[i]);
        }
        return new Predictions(classes, out);
    }

    @Override
    public void save(PayloadWriter payload) {
        ClassNames.save(payload, classes);
        standardizer.save(payload);
        payload.putDoubles(PARAMETERS, parameters, model.rows(), featureCount() + 1);
    }

    /** Reads what {@link #save} wrote. */
    static LrClassifier load(PayloadReader payload) {
        return new LrClassifier(ClassNames.load(payload), Standardizer.load(payload), payload.getDoubles(PARAMETERS));
    }
}
