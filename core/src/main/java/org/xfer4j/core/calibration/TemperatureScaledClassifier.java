package org.xfer4j.core.calibration;

import java.util.Map;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.core.ForwardingClassifier;

/**
 * A classifier whose probabilities pass through a {@link Temperature}. It saves the inner classifier's payload only:
 * the temperature goes into the artifact's calibration entry, so any provider's payload stays its own.
 */
public final class TemperatureScaledClassifier extends ForwardingClassifier {

    private final Temperature temperature;

    /** {@code inner} with its probabilities rescaled by {@code temperature}. */
    public TemperatureScaledClassifier(FeatureClassifier inner, Temperature temperature) {
        super(inner);
        this.temperature = temperature;
    }

    /** The classifier before scaling. */
    public FeatureClassifier uncalibrated() {
        return inner();
    }

    /** The temperature applied. */
    public Temperature temperature() {
        return temperature;
    }

    @Override
    public Predictions predict(FeatureMatrix features) {
        return temperature.apply(super.predict(features));
    }

    /** The inner head, then softmax(log p / T): a zero probability stays zero (its log is minus infinity). */
    @Override
    public void exportOnnx(OnnxHead head) {
        super.exportOnnx(new ForwardingHead(head) {
            @Override
            public void probabilities(String value) {
                String scaled = head.op("Mul", head.op("Log", value), head.constant(new double[] {1 / temperature
                        .value()}));
                head.probabilities(head.op("Softmax", Map.of("axis", -1L), scaled));
            }
        });
    }
}
