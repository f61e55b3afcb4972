package org.xfer4j.repurposers.metamodel.internal;

import java.util.Map;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.core.ForwardingClassifier;

/** A fitted classifier together with the options its method chose for it (its payload is the classifier's own). */
final class ChosenOptionsClassifier extends ForwardingClassifier {

    private final Map<String, String> chosen;

    ChosenOptionsClassifier(FeatureClassifier inner, Map<String, String> chosen) {
        super(inner);
        this.chosen = Map.copyOf(chosen);
    }

    @Override
    public Map<String, String> chosenOptions() {
        return chosen;
    }
}
