/**
 * Meta-model repurposers: logistic regression ({@code lr}), support vector machines ({@code svm}), a sparse
 * Gaussian-process classifier ({@code gp}) and a Bayesian neural network ({@code bnn}), trained on features of frozen
 * source layers. GPL-3.0-or-later (Smile).
 */
module org.xfer4j.repurposers.metamodel {
    requires org.xfer4j.api;
    requires org.xfer4j.core; // the hyper-parameter search that chooses options left auto
    requires smile.base;
    requires org.slf4j; // Smile logs through SLF4J

    exports org.xfer4j.repurposers.metamodel.lr;
    exports org.xfer4j.repurposers.metamodel.svm;
    exports org.xfer4j.repurposers.metamodel.gp;
    exports org.xfer4j.repurposers.metamodel.bnn;

    provides org.xfer4j.api.repurpose.RepurposerProvider with
            org.xfer4j.repurposers.metamodel.lr.LrProvider,
            org.xfer4j.repurposers.metamodel.svm.SvmProvider,
            org.xfer4j.repurposers.metamodel.gp.GpProvider,
            org.xfer4j.repurposers.metamodel.bnn.BnnProvider;
}
