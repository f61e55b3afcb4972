/**
 * ONNX Runtime for Xfer4j: sessions on CPU or CUDA, source models read from ONNX files and Maven model packs, text
 * tokenisation, image preprocessing, feature extraction from any named layers, and graph editing
 * (the ModelHandler). The training engine built on it is the module org.xfer4j.training.
 */
module org.xfer4j.runtime.onnx {
    requires transitive org.xfer4j.api;
    requires transitive com.microsoft.onnxruntime;
    requires transitive org.tribuo.util.onnx;
    requires com.google.protobuf;
    requires org.xfer4j.data;
    requires ai.djl.tokenizers;

    exports org.xfer4j.runtime.onnx;
    exports org.xfer4j.runtime.onnx.model;
    exports org.xfer4j.runtime.onnx.text;
    exports org.xfer4j.runtime.onnx.feature;
    exports org.xfer4j.runtime.onnx.graph;
    exports org.xfer4j.runtime.onnx.image;
    exports org.xfer4j.runtime.onnx.export;

    provides org.xfer4j.api.model.ModelSource
            with org.xfer4j.runtime.onnx.model.OnnxFileSource, org.xfer4j.runtime.onnx.model.ModelPackSource;
    provides org.xfer4j.api.feature.FeatureExtractorProvider
            with org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractorProvider;
}
