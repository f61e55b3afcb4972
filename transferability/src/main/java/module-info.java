/**
 * Transferability estimates (LEEP, NCE, H-score, LogME, cross-validated {@code lr}) and the ranking of (model,
 * layer) candidates for a target task before any training. GPL-3.0-or-later (Smile's LAPACK binding under LogME and
 * H-score, and {@code lr}).
 */
module org.xfer4j.transferability {
    requires transitive org.xfer4j.core;
    requires org.xfer4j.data;
    requires org.xfer4j.evaluation;
    requires org.xfer4j.repurposers.metamodel;
    requires smile.base;
    requires org.slf4j;
    requires org.knowm.xchart;
    requires java.desktop;

    exports org.xfer4j.transferability.estimators;
    exports org.xfer4j.transferability.rank;

    provides org.xfer4j.api.transfer.TransferabilityEstimator with
            org.xfer4j.transferability.estimators.LogMe,
            org.xfer4j.transferability.estimators.Leep,
            org.xfer4j.transferability.estimators.Nce,
            org.xfer4j.transferability.estimators.HScore,
            org.xfer4j.transferability.estimators.LrCrossValidation;
}
