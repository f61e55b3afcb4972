package org.xfer4j.repurposers.metamodel.testdata;

import java.util.Map;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.FeatureRepurposerProvider;
import org.xfer4j.core.metrics.Evaluation;
import org.xfer4j.core.metrics.Metrics;

/** Fits a provider on a fixed stratified 70/30 split of a real dataset and evaluates it on the held-out part. */
public final class RealDataRun {

    private RealDataRun() {
    }

    /** The evaluation on the test part; printed, so the measured values behind test thresholds can be re-read. */
    public static Evaluation evaluate(FeatureRepurposerProvider provider, String name, FeatureSet data,
            Map<String, String> options) {
        SklearnData.Split split = SklearnData.split(data, 0.3, 1L);
        FeatureClassifier c = provider.fit(split.train(), provider.parseOptions(options), ProviderContext.defaults());
        Evaluation e = Metrics.evaluate(c.predict(split.test().features()), split.test().labels());
        System.out.println(provider.id() + " " + name + " " + options + " " + e);
        return e;
    }
}
