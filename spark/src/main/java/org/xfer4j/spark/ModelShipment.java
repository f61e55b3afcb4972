package org.xfer4j.spark;

import java.util.List;
import org.apache.spark.SparkContext;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.model.PreprocessingDeclaration;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * Turns a source model opened on the driver into a {@link ShippedModel}: its ONNX file (and tokenizer) shipped by
 * content hash, and its preprocessing written out as a complete declaration, so an executor opens the same graph
 * and prepares samples the same way whatever model source (zoo name, Maven pack, imported format) opened it here.
 */
final class ModelShipment {

    private ModelShipment() {
    }

    /** {@code model} shipped for the features of {@code layers} (empty: its default feature layer). */
    static ShippedModel ship(SparkContext spark, SourceModel model, List<String> layers) {
        List<String> names = layers.isEmpty() ? List.of(model.defaultFeatureLayer()) : List.copyOf(layers);
        names.forEach(model::layer); // an unknown layer fails here, naming similar ones, before any task runs
        String onnx = Shipping.ship(spark, model.onnxFile(), model.sha256(), "model.onnx");
        Preprocessor p = model.preprocessor();
        String tokenizer = p instanceof TokenizerPreprocessor t
                ? Shipping.ship(spark, t.file(), model.sha256(), "tokenizer.json") : null;
        return new ShippedModel(model.name(), model.sha256(), onnx, tokenizer, PreprocessingDeclaration.keysOf(model),
                p.describe(), names);
    }
}
