/**
 * The Xfer4j training engine: reverse-mode differentiation of ONNX graphs into ONNX graphs (losses, gradient rules,
 * optimiser updates, Hessian-vector products), training sessions that keep parameters inside ONNX Runtime, the
 * training loop with frozen-prefix caching, and ONNX graphs as differentiable models for meta-learning.
 */
module org.xfer4j.training {
    requires transitive org.xfer4j.api;
    requires transitive org.xfer4j.runtime.onnx;
    requires com.google.protobuf;
    requires org.xfer4j.data;

    exports org.xfer4j.training;
    exports org.xfer4j.training.autodiff;
}
