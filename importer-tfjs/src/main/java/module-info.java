/**
 * Imports TensorFlow.js Layers models (a Keras topology in model.json plus binary weight shards, possibly quantised)
 * as equivalent ONNX graphs whose node names are the Keras layer names.
 */
module org.xfer4j.importer.tfjs {
    requires transitive org.xfer4j.api;
    requires org.xfer4j.data;
    requires org.xfer4j.runtime.onnx;
    requires org.tribuo.util.onnx;
    requires com.google.protobuf;

    exports org.xfer4j.importer.tfjs;

    provides org.xfer4j.api.model.ModelSource with org.xfer4j.importer.tfjs.TfjsModelSource;
}
