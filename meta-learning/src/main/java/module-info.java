/**
 * Meta-learning for Xfer4j: Leap, Reptile, first- and second-order MAML learn an initialisation of a differentiable
 * ONNX graph over a distribution of tasks, so that a new task is learned in a few steps from a few examples.
 */
module org.xfer4j.meta {
    requires transitive org.xfer4j.api;
    requires transitive org.xfer4j.runtime.onnx;
    requires transitive org.xfer4j.training;
    requires org.xfer4j.data;
    requires com.google.protobuf;

    exports org.xfer4j.meta;
    exports org.xfer4j.meta.learners;
    exports org.xfer4j.meta.nets;
    exports org.xfer4j.meta.sine;
    exports org.xfer4j.meta.tasks;
    exports org.xfer4j.meta.eval;

    uses org.xfer4j.api.meta.MetaLearnerProvider;

    provides org.xfer4j.api.meta.MetaLearnerProvider with org.xfer4j.meta.learners.ReptileProvider,
            org.xfer4j.meta.learners.FomamlProvider, org.xfer4j.meta.learners.MamlProvider,
            org.xfer4j.meta.learners.LeapProvider;
}
