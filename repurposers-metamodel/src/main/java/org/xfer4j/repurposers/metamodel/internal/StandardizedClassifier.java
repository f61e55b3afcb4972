package org.xfer4j.repurposers.metamodel.internal;

import java.util.List;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;

/**
 * A classifier over standardised features: checks and standardises prediction input, and saves the class names and
 * standardizer before the model's own entries.
 */
public abstract class StandardizedClassifier implements FeatureClassifier {

    private static final int CHUNK_ROWS = 2048;

    private final String name;
    private final List<String> classes;
    private final Standardizer standardizer;

    /** {@code name} is the provider id used in error messages. */
    protected StandardizedClassifier(String name, List<String> classes, Standardizer standardizer) {
        this.name = name;
        this.classes = List.copyOf(classes);
        this.standardizer = standardizer;
    }

    @Override
    public final List<String> classes() {
        return classes;
    }

    @Override
    public final int featureCount() {
        return standardizer.width();
    }

    @Override
    public final Predictions predict(FeatureMatrix features) {
        standardizer.check(features, name + " classifier");
        double[][] out = new double[features.rows()][];
        // in chunks, so a large batch never holds all its standardised rows (and model intermediates) at once
        for (int from = 0; from < out.length; from += CHUNK_ROWS) {
            int to = Math.min(out.length, from + CHUNK_ROWS);
            double[][] chunk = probabilities(standardizer.transformRows(features, from, to), to - from);
            System.arraycopy(chunk, 0, out, from, to - from);
        }
        return new Predictions(classes, out);
    }

    /** Standardises the features, then writes the model's own operators (in float64, as predict computes). */
    @Override
    public final void exportOnnx(OnnxHead head) {
        long d = featureCount();
        String x = head.op("Div", head.op("Sub", head.features(), head.constant(standardizer.mean(), d)),
                head.constant(standardizer.scale(), d));
        head.probabilities(exportModel(head, x));
    }

    /**
     * Writes the model's operators from the standardised features {@code x} ([N, featureCount] float64) and returns
     * the [N, classes] probabilities.
     */
    protected abstract String exportModel(OnnxHead head, String x);

    /** Class probabilities of the {@code rows} standardised examples in {@code x} (row-major). */
    protected abstract double[][] probabilities(double[] x, int rows);

    @Override
    public final void save(PayloadWriter payload) {
        ClassNames.save(payload, classes);
        standardizer.save(payload);
        saveModel(payload);
    }

    /** Writes the model's own entries. */
    protected abstract void saveModel(PayloadWriter payload);
}
