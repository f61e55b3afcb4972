package org.xfer4j.core.calibration;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;

/**
 * A classifier whose probabilities pass through a {@link Temperature}. It saves the inner classifier's payload only:
 * the temperature goes into the artifact's calibration entry, so any provider's payload stays its own.
 */
public final class TemperatureScaledClassifier implements FeatureClassifier {

    private final FeatureClassifier inner;
    private final Temperature temperature;

    /** {@code inner} with its probabilities rescaled by {@code temperature}. */
    public TemperatureScaledClassifier(FeatureClassifier inner, Temperature temperature) {
        this.inner = inner;
        this.temperature = temperature;
    }

    /** The classifier before scaling. */
    public FeatureClassifier uncalibrated() {
        return inner;
    }

    /** The temperature applied. */
    public Temperature temperature() {
        return temperature;
    }

    @Override
    public List<String> classes() {
        return inner.classes();
    }

    @Override
    public int featureCount() {
        return inner.featureCount();
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        return temperature.apply(inner.predict(features));
    }

    @Override
    public Map<String, String> chosenOptions() {
        return inner.chosenOptions();
    }

    @Override
    public void save(PayloadWriter payload) {
        inner.save(payload);
    }

    /** The inner head, then softmax(log p / T): a zero probability stays zero (its log is minus infinity). */
    @Override
    public void exportOnnx(OnnxHead head) {
        inner.exportOnnx(new ForwardingHead(head) {
            @Override
            public void probabilities(String value) {
                String scaled = head.op("Mul", head.op("Log", value), head.constant(new double[] {1 / temperature
                        .value()}));
                head.probabilities(head.op("Softmax", java.util.Map.of("axis", -1L), scaled));
            }
        });
    }
}
