package org.xfer4j.importer.tfjs;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.importer.tfjs.KerasLayer.TensorRef;

/**
 * Translates a Keras topology into one ONNX graph, layer call by layer call in dependency order, starting from the
 * model outputs so that any functional wiring (several inputs, shared branches) is followed as written.
 */
final class Conversion {

    private final KerasTopology topology;
    private final OnnxGraph graph;
    private final LayerWeights weights;
    private final Map<String, KTensor> done = new HashMap<>();
    private final Set<String> pending = new HashSet<>();

    private Conversion(KerasTopology topology, OnnxGraph graph, LayerWeights weights) {
        this.topology = topology;
        this.graph = graph;
        this.weights = weights;
    }

    static ModelProto convert(TfjsModel model, String producerVersion) {
        KerasTopology topology = KerasTopology.of(model.modelConfig());
        Conversion c = new Conversion(topology, new OnnxGraph(topology.name()), new LayerWeights(model.weights()));
        for (TensorRef in : topology.inputs()) {
            c.resolve(in);
        }
        List<KTensor> outputs = new ArrayList<>();
        for (TensorRef out : topology.outputs()) {
            outputs.add(c.resolve(out));
        }
        for (KTensor t : outputs) {
            c.graph.output(t.name(), t.onnxShape());
        }
        return c.graph.model(producerVersion, "Imported from TF.js Layers model " + model.source());
    }

    private KTensor resolve(TensorRef ref) {
        KerasLayer layer = topology.layers().get(ref.layer());
        if (layer == null) {
            throw new TfjsFormatException("the topology refers to layer '" + ref.layer() + "', which it does not define");
        }
        if (ref.tensor() != 0) {
            throw layer.unsupported("output " + ref.tensor() + " is used; only single-output layers are imported");
        }
        String key = layer.name() + "#" + ref.call();
        KTensor known = done.get(key);
        if (known != null) {
            return known;
        }
        if (!pending.add(key)) {
            throw new TfjsFormatException(layer.describe() + " depends on its own output");
        }
        KTensor result = layer.className().equals("InputLayer") ? input(layer) : call(layer, ref.call());
        pending.remove(key);
        done.put(key, result);
        return result;
    }

    private KTensor call(KerasLayer layer, int index) {
        if (index >= layer.calls().size()) {
            throw new TfjsFormatException("the topology uses call " + index + " of " + layer.describe()
                    + ", which has " + layer.calls().size());
        }
        LayerOp op = LayerOps.forLayer(layer);
        List<KTensor> inputs = new ArrayList<>();
        for (TensorRef ref : layer.calls().get(index)) {
            inputs.add(resolve(ref));
        }
        String out = index == 0 ? layer.name() : layer.name() + "/call" + index;
        return op.apply(new LayerCall(layer, out, inputs, graph, weights));
    }

    private KTensor input(KerasLayer layer) {
        Config c = layer.config();
        String dtype = c.string("dtype", "float32");
        if (!dtype.equals("float32")) {
            throw layer.unsupported("input dtype " + dtype + " (only float32 inputs are imported)");
        }
        String key = c.has("batch_input_shape") ? "batch_input_shape" : "batch_shape";
        List<Object> dims = c.list(key);
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i) instanceof Double d ? d.longValue() : -1;
        }
        shape[0] = -1;
        KTensor t = new KTensor(layer.name(), shape);
        graph.input(t.name(), t.onnxShape());
        return t;
    }
}
