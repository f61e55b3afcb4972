package org.xfer4j.core.registry;

import java.util.List;
import org.xfer4j.api.Provider;
import org.xfer4j.api.feature.FeatureExtractorProvider;
import org.xfer4j.api.meta.MetaLearnerProvider;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.api.transfer.TransferabilityEstimator;

/** The services the registry looks up, each with the short name used in reports; ids are unique per kind. */
enum ProviderKind {
    MODEL_SOURCE("model-source", ModelSource.class),
    FEATURE_EXTRACTOR("feature-extractor", FeatureExtractorProvider.class),
    REPURPOSER("repurposer", RepurposerProvider.class),
    META_LEARNER("meta-learner", MetaLearnerProvider.class),
    TRANSFERABILITY_ESTIMATOR("transferability-estimator", TransferabilityEstimator.class);

    private final String label;
    private final Class<? extends Provider> service;

    ProviderKind(String label, Class<? extends Provider> service) {
        this.label = label;
        this.service = service;
    }

    String label() {
        return label;
    }

    Class<? extends Provider> service() {
        return service;
    }

    /** The kinds {@code p} implements. */
    static List<ProviderKind> of(Provider p) {
        return java.util.Arrays.stream(values()).filter(k -> k.service.isInstance(p)).toList();
    }
}
