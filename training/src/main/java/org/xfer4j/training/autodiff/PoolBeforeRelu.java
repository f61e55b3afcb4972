package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a Relu that feeds only a MaxPool behind it: max pooling and ReLU commute (both are monotone, and pooling's
 * padding never wins a window), so MaxPool(Relu(x)) = Relu(MaxPool(x)) for every input, and so are the gradients
 * the rules give, ties included (a window whose maximum is at most 0 gets no gradient either way). The ReLU and its
 * backward mask then run on the pooled map, a quarter of the elements for 2x2 pooling; on the few-shot CNN's
 * 28x28 maps at 25 images these were the largest element-wise nodes of a step (MetaStepProfile).
 */
final class PoolBeforeRelu {

    private PoolBeforeRelu() {
    }

    /** Rewrites {@code g} in place, leaving the tensors in {@code keep} as they were; returns how many moved. */
    static int apply(GraphProto.Builder g, Set<String> keep) {
        Map<String, Integer> uses = new HashMap<>();
        g.getNodeList().forEach(n -> n.getInputList().forEach(i -> uses.merge(i, 1, Integer::sum)));
        g.getOutputList().forEach(o -> uses.merge(o.getName(), 1, Integer::sum));
        Map<String, NodeProto> reluOf = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Relu") && n.getDomain().isEmpty()) {
                reluOf.put(n.getOutput(0), n);
            }
        }
        Set<NodeProto> moved = new HashSet<>();
        Map<NodeProto, List<NodeProto>> replacement = new HashMap<>();
        for (NodeProto pool : g.getNodeList()) {
            NodeProto relu = pool.getOpType().equals("MaxPool") && pool.getDomain().isEmpty()
                    && pool.getOutputCount() == 1 ? reluOf.get(pool.getInput(0)) : null;
            if (relu == null || uses.get(relu.getOutput(0)) != 1 || keep.contains(relu.getOutput(0))) {
                continue;
            }
            String pooled = pool.getOutput(0) + "/before-relu";
            replacement.put(pool, List.of(
                    pool.toBuilder().setInput(0, relu.getInput(0)).setOutput(0, pooled).build(),
                    relu.toBuilder().setInput(0, pooled).setOutput(0, pool.getOutput(0)).build()));
            moved.add(relu);
        }
        if (moved.isEmpty()) {
            return 0;
        }
        List<NodeProto> nodes = List.copyOf(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            if (replacement.containsKey(n)) {
                g.addAllNode(replacement.get(n));
            } else if (!moved.contains(n)) {
                g.addNode(n);
            }
        }
        return moved.size();
    }
}
