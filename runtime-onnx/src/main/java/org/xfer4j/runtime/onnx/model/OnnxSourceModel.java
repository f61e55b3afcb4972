package org.xfer4j.runtime.onnx.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.DType;
import org.xfer4j.api.model.ClassificationHead;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;

/**
 * A source model read from an .onnx file: its inputs, SHA-256 and layer catalogue come from the graph; the
 * preprocessor, pooling and default feature layer start from defaults and can be replaced with the withers.
 * <p>
 * Defaults: samples must already be tensors ({@link TensorsPreprocessor}); a model with an {@code attention_mask}
 * input pools sequences by the masked mean, any other by {@link Pooling#IMAGE}; the default feature layer is the
 * node producing the first graph output.
 */
public final class OnnxSourceModel implements SourceModel {

    /** Name of the input that marks real tokens in text encoders exported from Hugging Face models. */
    public static final String ATTENTION_MASK = "attention_mask";

    private final String reference;
    private final String name;
    private final Path onnxFile;
    private final String sha256;
    private final List<InputSpec> inputs;
    private final List<LayerInfo> layers;
    private final String defaultFeatureLayer;
    private final Preprocessor preprocessor;
    private final Pooling pooling;
    private final Map<String, String> metadata;
    private final Map<String, String> preprocessing;
    private final ClassificationHead head;

    private OnnxSourceModel(String reference, String name, Path onnxFile, String sha256, List<InputSpec> inputs,
                            List<LayerInfo> layers, String defaultFeatureLayer, Preprocessor preprocessor,
                            Pooling pooling, Map<String, String> metadata, Map<String, String> preprocessing,
                            ClassificationHead head) {
        this.reference = reference;
        this.name = name;
        this.onnxFile = onnxFile;
        this.sha256 = sha256;
        this.inputs = List.copyOf(inputs);
        this.layers = List.copyOf(layers);
        this.defaultFeatureLayer = defaultFeatureLayer;
        this.preprocessor = preprocessor;
        this.pooling = pooling;
        this.metadata = Map.copyOf(metadata);
        this.preprocessing = Map.copyOf(preprocessing);
        this.head = head;
    }

    /**
     * Reads and validates {@code onnxFile}.
     *
     * @param reference what opens this model again (recorded in artifacts), e.g. a zoo name or the path
     * @param name      a display name
     * @throws InvalidInputException naming the file when it is missing, truncated, corrupt, or has an input of a
     *                               type Xfer4j cannot feed
     */
    public static OnnxSourceModel load(String reference, String name, Path onnxFile) {
        byte[] bytes = OnnxGraphs.read(onnxFile);
        ModelProto proto = OnnxGraphs.parse(bytes, onnxFile);
        GraphProto graph = proto.getGraph();
        List<InputSpec> inputs = inputs(graph, onnxFile);
        List<LayerInfo> layers = LayerCatalogue.of(graph);
        String output = graph.getOutput(0).getName();
        String defaultLayer = layers.stream().filter(l -> l.outputs().contains(output)).map(LayerInfo::name)
                .findFirst().orElseThrow(() -> new InvalidInputException(onnxFile + ": graph output " + output
                        + " does not depend on any graph input"));
        boolean hasMask = inputs.stream().anyMatch(i -> i.name().equals(ATTENTION_MASK));
        Pooling pooling = hasMask ? new Pooling(Pooling.Sequence.MASKED_MEAN, Pooling.Spatial.MEAN, ATTENTION_MASK)
                : Pooling.IMAGE;
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        proto.getMetadataPropsList().forEach(e -> metadata.put(e.getKey(), e.getValue()));
        return new OnnxSourceModel(reference, name, onnxFile, sha256(bytes), inputs, layers, defaultLayer,
                new TensorsPreprocessor(name, inputs), pooling, metadata, Map.of(), null);
    }

    /** A copy that prepares samples with {@code newPreprocessor} (the copy closes it when it is AutoCloseable). */
    public OnnxSourceModel withPreprocessor(Preprocessor newPreprocessor) {
        return new OnnxSourceModel(reference, name, onnxFile, sha256, inputs, layers, defaultFeatureLayer,
                newPreprocessor, pooling, metadata, preprocessing, head);
    }

    /** A copy whose {@link #preprocessing()} (the declaration that reopens it the same way) is {@code declared}. */
    public OnnxSourceModel withPreprocessing(Map<String, String> declared) {
        return new OnnxSourceModel(reference, name, onnxFile, sha256, inputs, layers, defaultFeatureLayer,
                preprocessor, pooling, metadata, declared, head);
    }

    /** The model's metadata_props (key=value pairs its exporter wrote), in file order. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Map<String, String> preprocessing() {
        return preprocessing;
    }

    /** A copy that reduces activations with {@code newPooling}. */
    public OnnxSourceModel withPooling(Pooling newPooling) {
        if (newPooling.maskInput() != null && inputs.stream().noneMatch(i -> i.name().equals(newPooling.maskInput()))) {
            throw new InvalidInputException("model " + name + " has no input '" + newPooling.maskInput()
                    + "' to use as the pooling mask; inputs: " + inputs.stream().map(InputSpec::name).toList());
        }
        return new OnnxSourceModel(reference, name, onnxFile, sha256, inputs, layers, defaultFeatureLayer,
                preprocessor, newPooling, metadata, preprocessing, head);
    }

    /**
     * A copy whose default feature layer is {@code layer} (a node or tensor name).
     *
     * @throws UnknownLayerException when the model has no such layer
     */
    public OnnxSourceModel withDefaultFeatureLayer(String layer) {
        return new OnnxSourceModel(reference, name, onnxFile, sha256, inputs, layers, layer(layer).name(),
                preprocessor, pooling, metadata, preprocessing, head);
    }

    /**
     * A copy whose own classifier is {@code newHead}.
     *
     * @throws UnknownLayerException when the model has no layer {@code newHead.layer()}
     * @throws InvalidInputException when that layer's declared output width differs from the number of classes
     */
    public OnnxSourceModel withClassificationHead(ClassificationHead newHead) {
        LayerInfo l = layer(newHead.layer());
        List<Long> shape = l.outputShapes().get(l.outputs().getFirst());
        if (shape != null && !shape.isEmpty() && shape.getLast() > 0 && shape.getLast() != newHead.classes().size()) {
            throw new InvalidInputException("model " + name + ": head layer " + newHead.layer() + " outputs "
                    + shape.getLast() + " values, but " + newHead.classes().size() + " class names were given");
        }
        return new OnnxSourceModel(reference, name, onnxFile, sha256, inputs, layers, defaultFeatureLayer,
                preprocessor, pooling, metadata, preprocessing,
                new ClassificationHead(l.name(), newHead.classes()));
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path onnxFile() {
        return onnxFile;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    @Override
    public List<LayerInfo> layers() {
        return layers;
    }

    @Override
    public String defaultFeatureLayer() {
        return defaultFeatureLayer;
    }

    @Override
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public Pooling pooling() {
        return pooling;
    }

    @Override
    public Optional<ClassificationHead> classificationHead() {
        return Optional.ofNullable(head);
    }

    /** Closes the preprocessor when it holds native resources (a tokenizer). */
    @Override
    public void close() {
        if (preprocessor instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new XferException("cannot close the preprocessor of " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return name + " (" + reference + ")";
    }

    private static List<InputSpec> inputs(GraphProto graph, Path file) {
        Set<String> initialisers = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            initialisers.add(t.getName());
        }
        Map<String, List<Long>> shapes = LayerCatalogue.shapes(graph);
        return graph.getInputList().stream().filter(v -> !initialisers.contains(v.getName()))
                .map(v -> new InputSpec(v.getName(), dtype(v, file), shapes.getOrDefault(v.getName(), List.of())))
                .toList();
    }

    private static DType dtype(ValueInfoProto input, Path file) {
        int type = input.getType().getTensorType().getElemType();
        return switch (type) {
            case TensorProto.DataType.FLOAT_VALUE -> DType.FLOAT32;
            case TensorProto.DataType.INT64_VALUE -> DType.INT64;
            default -> throw new InvalidInputException(file + ": input " + input.getName() + " has ONNX element type "
                    + TensorProto.DataType.forNumber(type) + "; Xfer4j feeds float32 and int64 inputs only");
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
