package org.xfer4j.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
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
        return new ShippedModel(model.name(), model.sha256(), onnx, tokenizer, declaration(model), p.describe(),
                names);
    }

    /** How {@code model} prepares samples, as the keys an .onnx file's declaration takes (the tokenizer path aside). */
    static Map<String, String> declaration(SourceModel model) {
        Map<String, String> d = new LinkedHashMap<>();
        Pooling pooling = model.pooling();
        switch (model.preprocessor()) {
            case TokenizerPreprocessor t -> {
                d.put("maxLength", Integer.toString(t.maxLength()));
                d.put("pooling", switch (pooling.sequence()) {
                    case FIRST_TOKEN -> "first-token";
                    case MASKED_MEAN -> "mean";
                    default -> "flatten";
                });
            }
            case ImagePreprocessor i -> {
                ImageSpec s = i.spec();
                d.put("input", i.describe().get("input"));
                d.put("layout", i.channelsLast() ? "nhwc" : "nchw");
                d.put("channels", s.channels() == 1 ? "grey" : s.bgr() ? "bgr" : "rgb");
                d.put("height", Integer.toString(s.height()));
                d.put("width", Integer.toString(s.width()));
                d.put("resize", s.resizeShorter() > 0 ? "crop" : "stretch");
                if (s.resizeShorter() > 0) {
                    d.put("resizeShorter", Integer.toString(s.resizeShorter()));
                }
                d.put("sampling", s.alignCorners() ? "align-corners" : "half-pixel");
                d.put("scale", Float.toString(s.scale()));
                d.put("mean", floats(s.mean()));
                d.put("std", floats(s.std()));
                d.put("pooling", pooling.spatial() == Pooling.Spatial.FLATTEN ? "flatten" : "mean");
            }
            default -> d.putAll(model.preprocessing());
        }
        return d;
    }

    private static String floats(float[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(v[i]);
        }
        return s.toString();
    }
}
