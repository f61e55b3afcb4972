package org.xfer4j.runtime.onnx.graph;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.SourceModel.UnknownLayerException;
import org.xfer4j.data.io.TextFiles;

/**
 * An immutable ONNX model under graph surgery: every operation returns a new graph and never changes this one.
 * Parameters are the model's floating-point initialisers; which of them are frozen travels with the model (metadata
 * key {@value #FROZEN_KEY}), so a saved graph keeps it.
 */
public final class OnnxGraph {

    /** The model metadata key listing frozen parameters, comma-separated. */
    public static final String FROZEN_KEY = "xfer4j.frozen";

    private final ModelProto model;
    private final GraphIndex index;

    private OnnxGraph(ModelProto model) {
        this.model = model;
        this.index = new GraphIndex(model.getGraph());
    }

    /**
     * Reads and normalises an .onnx file.
     *
     * @throws InvalidInputException naming the file when it cannot be read or is not an ONNX model
     */
    public static OnnxGraph load(Path file) {
        try {
            return fromBytes(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and normalises ONNX bytes; {@code origin} names them in errors. */
    public static OnnxGraph fromBytes(byte[] bytes, String origin) {
        ModelProto m;
        try {
            m = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(origin + " is not an ONNX model: " + e.getMessage(), e);
        }
        if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
            throw new InvalidInputException(origin + " is not an ONNX model: it has no graph nodes");
        }
        return of(m, origin);
    }

    /** Normalises a model built in memory. */
    public static OnnxGraph of(ModelProto model, String origin) {
        return new OnnxGraph(GraphNormaliser.normalise(model, origin));
    }

    static OnnxGraph wrap(ModelProto model) {
        return new OnnxGraph(model);
    }

    /** The normalised model (protobuf messages are immutable). */
    public ModelProto model() {
        return model;
    }

    GraphIndex index() {
        return index;
    }

    /** The default-domain ONNX opset. */
    public int opset() {
        return GraphNormaliser.defaultOpset(model);
    }

    /** Names of the graph inputs (parameters excluded). */
    public List<String> inputNames() {
        return model.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList();
    }

    /** Names of the graph outputs. */
    public List<String> outputNames() {
        return model.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList();
    }

    /** Every layer (a node that transforms data; shape and constant helpers excluded) in topological order. */
    public List<LayerInfo> layers() {
        return index.layers().stream().map(this::info).toList();
    }

    /**
     * The layer named {@code name} (node name, or the name of a tensor it outputs).
     *
     * @throws UnknownLayerException when there is none
     */
    public LayerInfo layer(String name) {
        return info(node(name));
    }

    NodeProto node(String name) {
        for (NodeProto n : index.layers()) {
            if (n.getName().equals(name) || n.getOutputList().contains(name)) {
                return n;
            }
        }
        throw new UnknownLayerException("graph " + model.getGraph().getName() + " has no layer '" + name
                + "'; layers: " + abbreviate(index.layers().stream().map(NodeProto::getName).toList()));
    }

    private LayerInfo info(NodeProto n) {
        List<String> params = index.parameters(n);
        long count = params.stream().mapToLong(p -> TensorProtos.size(index.initialisers().get(p))).sum();
        return new LayerInfo(n.getName(), n.getOpType(), n.getOutputList(), params, count);
    }

    /** Every parameter name, in initialiser order. */
    public Set<String> parameters() {
        return index.parameters();
    }

    /** Parameters marked frozen. */
    public Set<String> frozenParameters() {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (e.getKey().equals(FROZEN_KEY)) {
                Set<String> s = new TreeSet<>(Arrays.asList(e.getValue().split(",")));
                s.remove("");
                return s;
            }
        }
        return Set.of();
    }

    /**
     * Parameters gradient descent updates: every parameter not frozen, except BatchNormalization's running mean and
     * variance (statistics, not trained by gradients).
     */
    public Set<String> trainableParameters() {
        Set<String> stats = new java.util.HashSet<>();
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("BatchNormalization")) {
                stats.add(n.getInput(3));
                stats.add(n.getInput(4));
            }
        }
        Set<String> frozen = frozenParameters();
        Set<String> out = new LinkedHashSet<>();
        for (String p : parameters()) {
            if (!frozen.contains(p) && !stats.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** A graph with the parameters of the named layers frozen. */
    public OnnxGraph freeze(String... layerNames) {
        return freeze(layersNamed(layerNames));
    }

    /** A graph with the parameters of every layer matching {@code layers} frozen. */
    public OnnxGraph freeze(Predicate<LayerInfo> layers) {
        Set<String> frozen = new TreeSet<>(frozenParameters());
        layers().stream().filter(layers).forEach(l -> frozen.addAll(l.parameters()));
        return withFrozen(frozen);
    }

    /** A graph with the parameters of the named layers trainable again. */
    public OnnxGraph unfreeze(String... layerNames) {
        return unfreeze(layersNamed(layerNames));
    }

    /** A graph with the parameters of every layer matching {@code layers} trainable again. */
    public OnnxGraph unfreeze(Predicate<LayerInfo> layers) {
        Set<String> frozen = new TreeSet<>(frozenParameters());
        layers().stream().filter(layers).forEach(l -> l.parameters().forEach(frozen::remove));
        return withFrozen(frozen);
    }

    private Predicate<LayerInfo> layersNamed(String... names) {
        Set<String> wanted = new java.util.HashSet<>();
        for (String n : names) {
            wanted.add(layer(n).name());
        }
        return l -> wanted.contains(l.name());
    }

    private OnnxGraph withFrozen(Collection<String> frozen) {
        ModelProto.Builder m = model.toBuilder().clearMetadataProps();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (!e.getKey().equals(FROZEN_KEY)) {
                m.addMetadataProps(e);
            }
        }
        Set<String> kept = new TreeSet<>(frozen);
        kept.retainAll(parameters());
        if (!kept.isEmpty()) {
            m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(FROZEN_KEY)
                    .setValue(String.join(",", kept)));
        }
        return new OnnxGraph(m.build());
    }

    /** The value of parameter {@code name}, as float32. */
    public Tensor parameter(String name) {
        return TensorProtos.toTensor(initialiser(name));
    }

    TensorProto initialiser(String name) {
        TensorProto t = index.initialisers().get(name);
        if (t == null) {
            throw new InvalidInputException("graph has no parameter '" + name + "'; parameters: "
                    + abbreviate(List.copyOf(parameters())));
        }
        return t;
    }

    /**
     * Checks that every floating-point parameter holds finite numbers only.
     *
     * @throws InvalidInputException naming {@code where}, the parameter and the first bad value's index
     */
    public void requireFiniteParameters(String where) {
        for (String name : parameters()) {
            TensorProto t = initialiser(name);
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE || t.getDataType() == TensorProto.DataType.DOUBLE_VALUE) {
                double[] v = TensorProtos.toDoubles(t);
                for (int i = 0; i < v.length; i++) {
                    if (!Double.isFinite(v[i])) {
                        throw new InvalidInputException(where + ": parameter " + name + " holds " + v[i] + " at index "
                                + i + "; a saved model holds finite numbers only (damaged or altered)");
                    }
                }
            }
        }
    }

    /** A graph with parameter {@code name} set to {@code value} (same shape, converted to the parameter's type). */
    public OnnxGraph withParameter(String name, Tensor value) {
        return withInitialiser(TensorProtos.fromTensor(name, value, initialiser(name)));
    }

    OnnxGraph withInitialiser(TensorProto value) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(value.getName())) {
                g.setInitializer(i, value);
                return new OnnxGraph(model.toBuilder().setGraph(g).build());
            }
        }
        throw new InvalidInputException("graph has no parameter '" + value.getName() + "'");
    }

    /** A graph without its top {@code n} layers; see {@link GraphCut#dropTop}. */
    public OnnxGraph dropTop(int n) {
        return GraphCut.dropTop(this, n);
    }

    /** A graph without its bottom {@code n} layers; see {@link GraphCut#dropBottom}. */
    public OnnxGraph dropBottom(int n) {
        return GraphCut.dropBottom(this, n);
    }

    /** A graph ending at the output of layer {@code layer} (everything above it dropped). */
    public OnnxGraph truncateAfter(String layer) {
        return GraphCut.truncateAfter(this, layer);
    }

    /** A graph with {@code layers} added on top, in order; new parameters initialised from {@code seed}. */
    public OnnxGraph addOnTop(long seed, LayerSpec... layers) {
        OnnxGraph g = this;
        for (int i = 0; i < layers.length; i++) {
            g = LayerAppender.onTop(g, layers[i], seed + i);
        }
        return g;
    }

    /**
     * A graph with {@code layer} added below the input, which becomes {@code newInputShape} (-1 for dynamic
     * dimensions); new parameters initialised from {@code seed}.
     */
    public OnnxGraph addAtBottom(long seed, LayerSpec layer, long... newInputShape) {
        return LayerAppender.atBottom(this, layer, seed, newInputShape);
    }

    /** A graph with the parameters of every layer matching {@code layers} drawn afresh by {@code init}. */
    public OnnxGraph reinitialise(Predicate<LayerInfo> layers, Init init, long seed) {
        return ParameterInit.reinitialise(this, layers, init, seed);
    }

    /** A graph whose input {@code name} has the fixed shape {@code dims} (-1 keeps a dimension dynamic). */
    public OnnxGraph withInputShape(String name, long... dims) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInputCount(); i++) {
            if (g.getInput(i).getName().equals(name)) {
                int type = g.getInput(i).getType().getTensorType().getElemType();
                g.setInput(i, ValueInfos.tensor(name, type, dims));
                return new OnnxGraph(model.toBuilder().setGraph(g).build());
            }
        }
        throw new InvalidInputException("graph has no input '" + name + "'; inputs: " + inputNames());
    }

    /** {@code model} without the nodes and initialisers no graph output depends on. */
    public static ModelProto pruned(ModelProto model) {
        return model.toBuilder().setGraph(GraphCut.prune(model.getGraph())).build();
    }

    /** The serialised model. */
    public byte[] toBytes() {
        return model.toByteArray();
    }

    /** Writes the model to {@code file} (through a temporary file renamed into place, see {@link TextFiles}). */
    public void save(Path file) {
        try {
            byte[] bytes = toBytes();
            TextFiles.writeBytes(file, false, out -> out.write(bytes));
        } catch (IOException e) {
            throw new XferException("cannot write ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The graph in Graphviz DOT: layers as boxes (operator, parameter count), inputs and outputs as ellipses. */
    public String toDot() {
        return DotWriter.dot(this);
    }

    /**
     * The layers from {@code from} to {@code to} in Graphviz DOT (each inclusive; null: from the inputs, to the
     * outputs): name, operator, the shape of its output ({@code shapes} by tensor name, else as the graph declares
     * it) and parameter count; tensors entering the range from outside are drawn as inputs.
     *
     * @throws UnknownLayerException for a layer the graph lacks
     * @throws InvalidInputException when {@code to} does not depend on {@code from}
     */
    public String toDot(String from, String to, java.util.Map<String, long[]> shapes) {
        return DotWriter.dot(this, from, to, shapes);
    }

    /**
     * Renders the graph to SVG with Graphviz {@code dot}.
     *
     * @return false where {@code dot} is not installed
     * @throws XferException when dot fails
     */
    public boolean renderSvg(Path svg) {
        return renderSvg(toDot(), svg);
    }

    /**
     * Renders {@code dot} text to SVG with Graphviz {@code dot}.
     *
     * @return false where {@code dot} is not installed
     * @throws XferException when dot fails
     */
    public static boolean renderSvg(String dot, Path svg) {
        return DotWriter.renderSvg(dot, svg);
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 12 ? names.toString()
                : names.subList(0, 6) + " ... " + names.subList(names.size() - 6, names.size());
    }

    @Override
    public String toString() {
        return "OnnxGraph[" + layers().size() + " layers, " + parameters().size() + " parameters, inputs "
                + inputNames() + ", outputs " + outputNames() + "]";
    }
}
