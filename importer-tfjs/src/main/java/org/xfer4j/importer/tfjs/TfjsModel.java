package org.xfer4j.importer.tfjs;

import org.xfer4j.data.json.JsLiteral;
import org.xfer4j.data.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * A TF.js Layers model read into memory: its Keras topology and its float32 weights by name. Reads the standard
 * files (model.json beside its binary shards) and the JavaScript bundles some npm packages ship instead
 * (model.min.js whose module exports the model.json object, and one .min.js per shard exporting it as base64).
 */
public final class TfjsModel {

    private final String source;
    private final Config topology;
    private final Map<String, Weight> weights;

    private TfjsModel(String source, Config topology, Map<String, Weight> weights) {
        this.source = source;
        this.topology = topology;
        this.weights = weights;
    }

    /**
     * Reads {@code modelJson} and the shards its manifest names, relative to its folder.
     *
     * @throws TfjsFormatException naming the file when it is not a TF.js Layers model
     */
    public static TfjsModel read(Path modelJson) {
        String text = readText(modelJson);
        Path dir = modelJson.toAbsolutePath().getParent();
        return of(modelJson.toString(), json(() -> JsLiteral.parse(text, modelJson.toString())),
                path -> readBytes(dir.resolve(path)));
    }

    /**
     * Reads a bundled model: {@code modelJs} (e.g. nsfwjs's {@code model.min.js}) and, beside it, one
     * {@code <shard>.min.js} per manifest path holding the shard as a base64 string.
     */
    public static TfjsModel readBundle(Path modelJs) {
        Path dir = modelJs.toAbsolutePath().getParent();
        Object json = bundleExport(readText(modelJs), modelJs.toString());
        return of(modelJs.toString(), json, path -> {
            Path shard = dir.resolve(path + ".min.js");
            if (!(bundleExport(readText(shard), shard.toString()) instanceof String b64)) {
                throw new TfjsFormatException(shard + " does not export a base64 string");
            }
            try {
                return Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new TfjsFormatException(shard + " does not hold valid base64: " + e.getMessage(), e);
            }
        });
    }

    private static TfjsModel of(String source, Object json, WeightsManifest.ShardReader shards) {
        Config root = Config.of(source, json);
        if (!root.has("modelTopology") || !root.has("weightsManifest")) {
            throw new TfjsFormatException(source + " is not a TF.js model: it needs modelTopology and weightsManifest");
        }
        String format = root.string("format", "layers-model");
        if (!format.equals("layers-model")) {
            throw new UnsupportedLayerException(source + " is a TF.js " + format
                    + "; only layers-model (Keras topology) files can be imported");
        }
        Config topology = root.object("modelTopology");
        if (topology.has("node") || !topology.has("model_config") && !topology.has("class_name")) {
            throw new UnsupportedLayerException(source + " holds a TF.js graph model (GraphDef), not a Keras topology");
        }
        return new TfjsModel(source, topology, WeightsManifest.decode(root.list("weightsManifest"), shards, source));
    }

    /** The file the model was read from. */
    public String source() {
        return source;
    }

    /** The number of weight values. */
    public long parameterCount() {
        return weights.values().stream().mapToLong(w -> w.values().length).sum();
    }

    /** The Keras model config: {@code model_config} of the topology, or the topology itself in older files. */
    Config modelConfig() {
        return topology.has("model_config") ? topology.object("model_config") : topology;
    }

    Map<String, Weight> weights() {
        return weights;
    }

    /** The value a browserify bundle's entry module assigns to {@code exports}. */
    private static Object bundleExport(String js, String source) {
        int module = js.indexOf("{1:[function(");
        int assign = module < 0 ? -1 : js.indexOf(".exports=", module);
        if (assign < 0) {
            throw new TfjsFormatException(source + " is not a bundled TF.js file (no module exporting a value)");
        }
        return json(() -> JsLiteral.parseAt(js, assign + ".exports=".length(), source));
    }

    /** Parses with {@code parser}, reporting malformed JSON as a malformed model. */
    private static Object json(java.util.function.Supplier<Object> parser) {
        try {
            return parser.get();
        } catch (JsonSyntaxException e) {
            throw new TfjsFormatException(e.getMessage(), e);
        }
    }

    private static String readText(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TfjsFormatException("cannot read " + file + ": " + e, e);
        }
    }
}
