/** The Xfer4j host: plugin layers, the provider registry, Guice wiring, the artifact format and metrics. */
module org.xfer4j.core {
    requires transitive org.xfer4j.api;
    requires org.xfer4j.data;
    requires transitive com.google.guice;
    // Guice is an automatic module: these make its own dependencies part of the module graph.
    requires jakarta.inject;
    requires com.google.common;
    requires jdk.unsupported;

    exports org.xfer4j.core;
    exports org.xfer4j.core.artifact;
    exports org.xfer4j.core.calibration;
    exports org.xfer4j.core.features;
    exports org.xfer4j.core.metrics;
    exports org.xfer4j.core.registry;
    exports org.xfer4j.core.tuning;

    // Guice reflects over XferModule's @Provides methods and Xfer's @Inject constructor.
    opens org.xfer4j.core to com.google.guice;

    uses org.xfer4j.api.model.ModelSource;
    uses org.xfer4j.api.feature.FeatureExtractorProvider;
    uses org.xfer4j.api.repurpose.RepurposerProvider;
    uses org.xfer4j.api.meta.MetaLearnerProvider;
    uses org.xfer4j.api.transfer.TransferabilityEstimator;
}
