package org.xfer4j.core;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.OnnxHead;
import org.xfer4j.api.repurpose.PayloadWriter;
import org.xfer4j.api.repurpose.Predictions;

/**
 * A {@link FeatureClassifier} that passes every call to another; decorators override only what they change, so a
 * method added to the SPI is forwarded by all of them at once.
 */
public abstract class ForwardingClassifier implements FeatureClassifier {

    private final FeatureClassifier inner;

    /** Forwards to {@code inner}. */
    protected ForwardingClassifier(FeatureClassifier inner) {
        this.inner = inner;
    }

    /** The classifier calls are passed to. */
    protected final FeatureClassifier inner() {
        return inner;
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
        return inner.predict(features);
    }

    @Override
    public Map<String, String> chosenOptions() {
        return inner.chosenOptions();
    }

    @Override
    public void save(PayloadWriter payload) {
        inner.save(payload);
    }

    @Override
    public void exportOnnx(OnnxHead head) {
        inner.exportOnnx(head);
    }
}
