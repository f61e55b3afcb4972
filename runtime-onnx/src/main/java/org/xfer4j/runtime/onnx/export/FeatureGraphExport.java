package org.xfer4j.runtime.onnx.export;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ShapeProbe;
import org.xfer4j.runtime.onnx.graph.TensorProtos;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.runtime.onnx.model.PreprocessingDeclaration;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

/**
 * Builds one ONNX graph from a source model, named layers and a classifier: the (normalised) source graph computes
 * the layers, each is pooled as the feature extractor pools it, the pooled rows are concatenated and cast to float64,
 * and the classifier's head turns them into {@value #PROBABILITIES} (float32 [N, classes]) and {@value #LABEL} (the
 * most probable class name, string [N]). Pooling runs in float64 and rounds to float32 as the extractor does.
 */
public final class FeatureGraphExport {

    /** Name of the probabilities output. */
    public static final String PROBABILITIES = "probabilities";
    /** Name of the label output. */
    public static final String LABEL = "label";
    /** Metadata key of the class names, one per line, in probability column order. */
    public static final String CLASSES_KEY = "xfer4j.classes";

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final int DOUBLE = TensorProto.DataType.DOUBLE_VALUE;

    private FeatureGraphExport() {
    }

    /**
     * The graph for {@code classifier} over {@code layers} of {@code model}, with {@code metadata} added to the
     * model's metadata properties, and the model's preprocessing declared there ({@code xfer4j.preprocess.KEY}) so
     * the graph reopens as a model that prepares samples as {@code model} does.
     *
     * @param tokenizerFile for a text model, where its tokenizer will lie relative to the graph's folder (declared as
     *                      {@code tokenizer}); ignored for other models
     * @throws InvalidInputException when the source graph already has a value named like an output
     * @throws org.xfer4j.api.XferException when the classifier cannot be written as ONNX operators
     */
    public static ModelProto build(SourceModel model, List<String> layers, FeatureClassifier classifier,
            Map<String, String> metadata, String tokenizerFile) {
        OnnxGraph graph = OnnxGraph.load(model.onnxFile());
        ModelProto source = graph.model();
        refuseTakenNames(source, model);
        int opset = graph.opset();
        List<String> tensors = layers.stream().map(l -> tensorOf(model, l)).toList();
        Map<String, ShapeProbe.TensorType> types = ShapeProbe.probe(source, probeShapes(model));
        HeadBuilder pooling = new HeadBuilder(null, opset);
        List<String> pooled = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            ShapeProbe.TensorType type = types.get(tensors.get(i));
            if (type == null || type.elemType() != FLOAT) {
                throw new InvalidInputException("layer " + layers.get(i) + " of " + model.name() + " does not output"
                        + " a float32 tensor; features must come from one");
            }
            pooled.add(pool(pooling, tensors.get(i), type.rank(), model.pooling()));
        }
        String concatenated = pooled.size() == 1 ? pooled.getFirst()
                : pooling.op("Concat", Map.of("axis", 1L), pooled.toArray(String[]::new));
        HeadBuilder head = pooling.reading(pooling.op("Cast", Map.of("to", (long) DOUBLE), concatenated));
        classifier.exportOnnx(head);
        String probabilities = head.declaredProbabilities(classifier.getClass().getSimpleName());
        String classNames = head.constant(TensorProtos.strings("classes", classifier.classes()));
        String index = head.op("ArgMax", Map.of("axis", 1L, "keepdims", 0L), probabilities);
        GraphProto.Builder g = source.getGraph().toBuilder().clearOutput()
                .addAllNode(pooling.nodes()).addAllNode(head.nodes()).addAllInitializer(head.constants())
                .addNode(NodeProto.newBuilder().setOpType("Cast").setName(PROBABILITIES).addInput(probabilities)
                        .addOutput(PROBABILITIES).addAttribute(org.xfer4j.runtime.onnx.graph.Attributes.of("to",
                                (long) FLOAT)))
                .addNode(NodeProto.newBuilder().setOpType("Gather").setName(LABEL).addInput(classNames)
                        .addInput(index).addOutput(LABEL))
                .addOutput(ValueInfos.tensor(PROBABILITIES, FLOAT, new long[] {-1, classifier.classes().size()}))
                .addOutput(ValueInfos.tensor(LABEL, TensorProto.DataType.STRING_VALUE, new long[] {-1}));
        ModelProto.Builder m = OnnxGraph.pruned(source.toBuilder().setGraph(g).build()).toBuilder()
                .clearMetadataProps().setProducerName("xfer4j");
        Map<String, String> props = new LinkedHashMap<>(metadata);
        props.put(CLASSES_KEY, String.join("\n", classifier.classes()));
        props.put("xfer4j.layers", String.join("\n", layers));
        props.put("xfer4j.inputs", String.join("\n", model.inputs().stream().map(InputContract::describe).toList()));
        props.put("xfer4j.preprocessing", InputContract.preprocessing(model));
        Map<String, String> declaration = new LinkedHashMap<>(PreprocessingDeclaration.keysOf(model));
        if (model.preprocessor() instanceof TokenizerPreprocessor) {
            declaration.put("tokenizer", tokenizerFile); // relative: it resolves against the graph's folder
        }
        declaration.forEach((k, v) -> props.put(PreprocessingDeclaration.METADATA_PREFIX + k, v));
        props.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** The pooled [N, width] float32 rows of {@code tensor} of rank {@code rank}, as the extractor pools them. */
    private static String pool(HeadBuilder b, String tensor, int rank, Pooling pooling) {
        if (rank == 1) {
            return b.op("Unsqueeze", tensor, b.constantInts(new long[] {1}, 1));
        }
        boolean flatten = rank == 3 ? pooling.sequence() == Pooling.Sequence.FLATTEN
                : pooling.spatial() == Pooling.Spatial.FLATTEN;
        if (rank == 2) {
            return tensor;
        }
        if (flatten) {
            return b.op("Flatten", Map.of("axis", 1L), tensor);
        }
        if (rank == 3 && pooling.sequence() == Pooling.Sequence.FIRST_TOKEN) {
            return b.op("Gather", Map.of("axis", 1L), tensor, b.constantInts(new long[] {0}));
        }
        String x = b.op("Cast", Map.of("to", (long) DOUBLE), tensor);
        if (rank == 3) { // mean over the positions the mask marks (any non-zero value), at least one
            String mask = b.op("Cast", Map.of("to", (long) DOUBLE), b.op("Not", b.op("Equal", pooling.maskInput(),
                    b.constantInts(new long[] {0}))));
            String sum = b.reduce("ReduceSum", b.op("Mul", x, b.op("Unsqueeze", mask,
                    b.constantInts(new long[] {2}, 1))), false, 1);
            String count = b.op("Max", b.reduce("ReduceSum", mask, true, 1), b.constant(new double[] {1}));
            return b.op("Cast", Map.of("to", (long) FLOAT), b.op("Div", sum, count));
        }
        long[] space = new long[rank - 2];
        for (int a = 0; a < space.length; a++) {
            space[a] = a + 2;
        }
        return b.op("Cast", Map.of("to", (long) FLOAT), b.reduce("ReduceMean", x, false, space));
    }

    /** The tensor the extractor reads for {@code layer}: the layer's own name if it is an output, else its first. */
    private static String tensorOf(SourceModel model, String layer) {
        LayerInfo info = model.layer(layer);
        return info.outputs().contains(layer) ? layer : info.outputs().getFirst();
    }

    /** Input shapes for the shape probe: one example, dynamic dimensions taken as 1. */
    private static Map<String, long[]> probeShapes(SourceModel model) {
        Map<String, long[]> shapes = new HashMap<>();
        for (InputSpec in : model.inputs()) {
            shapes.put(in.name(), in.shape().stream().mapToLong(d -> d > 0 ? d : 1).toArray());
        }
        return shapes;
    }

    private static void refuseTakenNames(ModelProto source, SourceModel model) {
        Set<String> taken = new java.util.HashSet<>();
        source.getGraph().getInputList().stream().map(ValueInfoProto::getName).forEach(taken::add);
        source.getGraph().getNodeList().forEach(n -> taken.addAll(n.getOutputList()));
        for (String name : List.of(PROBABILITIES, LABEL)) {
            if (taken.contains(name)) {
                throw new InvalidInputException("model " + model.name() + " already has a value named '" + name
                        + "', the name of an output of the exported graph");
            }
        }
    }
}
