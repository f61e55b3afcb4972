/** The Xfer4j host: plugin layers, the provider registry, Guice wiring, the artifact format and metrics. */
module org.xfer4j.core {
    requires transitive org.xfer4j.api;

    exports org.xfer4j.core.metrics;
    exports org.xfer4j.core.artifact;
    exports org.xfer4j.core.registry;

    uses org.xfer4j.api.model.ModelSource;
    uses org.xfer4j.api.feature.FeatureExtractorProvider;
    uses org.xfer4j.api.repurpose.RepurposerProvider;
    uses org.xfer4j.api.meta.MetaLearnerProvider;
}
