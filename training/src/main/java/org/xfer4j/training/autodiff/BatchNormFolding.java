package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.runtime.onnx.graph.Attributes;

/**
 * Folds each BatchNormalization with fixed (running) statistics into the Conv that alone feeds it, inside a training
 * graph: with a = scale / sqrt(var + eps) per output channel, Conv(x, W, b) then BN is Conv(x, W a, (b - mean) a +
 * bias). The folded kernel and bias are computed in the graph from the original parameters, so gradients still reach
 * W, b, scale and bias (through the per-channel products, on tensors the size of the weights), while the batch-sized
 * work is one convolution that ONNX Runtime can fuse with the activation after it, as its inference sessions do.
 * Without folding the step keeps the conv output for batch norm and runs batch norm and its gradient as separate
 * passes over the activations.
 */
final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /**
     * Rewrites {@code g} in place; {@code parameters} are the shapes of the graph's initialisers and parameter inputs
     * (a folded Conv's kernel and every batch-norm input must be among them), {@code keep} tensors that must stay in
     * the graph (outputs). Returns how many layers were folded.
     */
    static int apply(GraphProto.Builder g, Map<String, long[]> parameters, Set<String> keep, int elem) {
        Map<String, NodeProto> producers = new HashMap<>();
        Map<String, Integer> uses = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getOutputList().forEach(o -> producers.put(o, n));
            n.getInputList().forEach(i -> uses.merge(i, 1, Integer::sum));
        }
        Map<NodeProto, NodeProto> folded = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            NodeProto conv = producers.get(n.getInput(0));
            if (foldable(n, conv, parameters, keep, uses)) {
                folded.put(conv, n);
            }
        }
        if (folded.isEmpty()) {
            return 0;
        }
        Emitter e = new Emitter("xfer4j.fold/");
        List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            NodeProto bn = folded.get(n);
            if (bn != null) {
                int before = e.nodes().size();
                NodeProto conv = fold(n, bn, parameters.get(n.getInput(1)).length, e, elem);
                g.addAllNode(e.nodes().subList(before, e.nodes().size())).addNode(conv);
            } else if (!folded.containsValue(n)) {
                g.addNode(n);
            }
        }
        g.addAllInitializer(e.constants());
        return folded.size();
    }

    private static boolean foldable(NodeProto bn, NodeProto conv, Map<String, long[]> parameters, Set<String> keep,
            Map<String, Integer> uses) {
        if (!bn.getOpType().equals("BatchNormalization") || !isDefaultDomain(bn) || bn.getOutputCount() != 1
                || Attributes.getInt(bn, "training_mode", 0) != 0 || bn.getInputCount() != 5
                || conv == null || !conv.getOpType().equals("Conv") || !isDefaultDomain(conv)) {
            return false;
        }
        String convOut = conv.getOutput(0);
        for (int k = 1; k < 5; k++) {
            if (!parameters.containsKey(bn.getInput(k))) {
                return false;
            }
        }
        return uses.getOrDefault(convOut, 0) == 1 && !keep.contains(convOut) && conv.getInputCount() >= 2
                && parameters.containsKey(conv.getInput(1))
                && (conv.getInputCount() < 3 || conv.getInput(2).isEmpty() || parameters.containsKey(conv.getInput(2)));
    }

    /** Emits the folded kernel and bias and returns the Conv that writes the batch norm's output. */
    private static NodeProto fold(NodeProto conv, NodeProto bn, int kernelRank, Emitter e, int elem) {
        String eps = e.scalar(Attributes.getFloat(bn, "epsilon", 1e-5f), elem);
        String a = e.div(bn.getInput(1), e.op("Sqrt", e.add(bn.getInput(4), eps)));
        long[] perOutputChannel = new long[kernelRank];
        java.util.Arrays.fill(perOutputChannel, 1);
        perOutputChannel[0] = -1;
        String kernel = e.mul(conv.getInput(1), e.reshape(a, e.ints(perOutputChannel)));
        boolean hasBias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty();
        String shifted = hasBias ? e.sub(conv.getInput(2), bn.getInput(3)) : e.neg(bn.getInput(3));
        String bias = e.add(e.mul(shifted, a), bn.getInput(2));
        return conv.toBuilder().clearInput().addInput(conv.getInput(0)).addInput(kernel).addInput(bias)
                .clearOutput().addOutput(bn.getOutput(0)).setName(conv.getName().isEmpty() ? bn.getName()
                        : conv.getName()).build();
    }

    private static boolean isDefaultDomain(NodeProto n) {
        return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
    }
}
