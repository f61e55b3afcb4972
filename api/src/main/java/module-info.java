/**
 * The stable service-provider interface of Xfer4j: model sources, feature extractors, repurposers, meta-learners,
 * transferability estimators.
 */
module org.xfer4j.api {
    exports org.xfer4j.api;
    exports org.xfer4j.api.data;
    exports org.xfer4j.api.model;
    exports org.xfer4j.api.feature;
    exports org.xfer4j.api.repurpose;
    exports org.xfer4j.api.meta;
    exports org.xfer4j.api.tuning;
    exports org.xfer4j.api.transfer;

    uses org.xfer4j.api.model.ModelSource;
    uses org.xfer4j.api.feature.FeatureExtractorProvider;
    uses org.xfer4j.api.repurpose.RepurposerProvider;
    uses org.xfer4j.api.meta.MetaLearnerProvider;
    uses org.xfer4j.api.transfer.TransferabilityEstimator;
}
