/** ONNX Runtime sessions, graph editing (the ModelHandler), reverse-mode autodiff to ONNX and the training engine. */
module org.xfer4j.runtime.onnx {
    requires transitive org.xfer4j.api;
    requires transitive com.microsoft.onnxruntime;
    requires transitive org.tribuo.util.onnx;
    requires com.google.protobuf;

    exports org.xfer4j.runtime.onnx.graph;
}
