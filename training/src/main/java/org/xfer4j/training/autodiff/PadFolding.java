package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.runtime.onnx.graph.Attributes;
import org.xfer4j.runtime.onnx.graph.TensorProtos;

/**
 * Moves a constant zero Pad of the spatial axes into the explicit pads of the 2-d Conv it alone feeds (Keras'
 * ZeroPadding2D before a strided convolution), inside a training graph. ONNX Runtime does the same for inference,
 * but in a training graph the padded tensor is also read by the conv's weight gradient, so the runtime keeps the Pad:
 * a copy of the activation in the forward pass and one more tensor held for the backward pass. The conv rules read
 * explicit, asymmetric pads.
 */
final class PadFolding {

    private PadFolding() {
    }

    /**
     * Rewrites {@code g} in place; {@code constants} are its fixed initialisers (pad amounts and values must be among
     * them), {@code keep} tensors that must stay in the graph. Returns how many pads were folded.
     */
    static int apply(GraphProto.Builder g, Map<String, TensorProto> constants, Set<String> keep) {
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
        }
        Map<NodeProto, long[]> padsOf = new HashMap<>();
        List<NodeProto> folded = new ArrayList<>();
        for (NodeProto pad : g.getNodeList()) {
            long[] amounts = spatialZeroPads(pad, constants);
            List<NodeProto> users = consumers.getOrDefault(pad.getOutputCount() == 1 ? pad.getOutput(0) : "",
                    List.of());
            if (amounts == null || keep.contains(pad.getOutput(0)) || users.size() != 1) {
                continue;
            }
            NodeProto conv = users.getFirst();
            if (conv.getOpType().equals("Conv") && conv.getInput(0).equals(pad.getOutput(0))
                    && conv.getInputList().lastIndexOf(pad.getOutput(0)) == 0
                    && Attributes.getString(conv, "auto_pad", "NOTSET").equals("NOTSET")) {
                long[] own = Attributes.getInts(conv, "pads");
                long[] pads = own == null ? new long[4] : own.clone();
                for (int k = 0; k < 4; k++) {
                    pads[k] += amounts[k];
                }
                padsOf.put(conv, pads);
                folded.add(pad);
            }
        }
        if (folded.isEmpty()) {
            return 0;
        }
        Map<String, String> source = new HashMap<>();
        folded.forEach(p -> source.put(p.getOutput(0), p.getInput(0)));
        List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
        g.clearNode();
        for (NodeProto n : nodes) {
            long[] pads = padsOf.get(n);
            if (pads != null) {
                g.addNode(Attributes.with(n.toBuilder().setInput(0, source.get(n.getInput(0))).build(),
                        Attributes.of("pads", pads)));
            } else if (!folded.contains(n)) {
                g.addNode(n);
            }
        }
        return folded.size();
    }

    /**
     * The pads (begin h, begin w, end h, end w) of a constant-mode Pad of a rank-4 tensor that pads only the two
     * spatial axes, by non-negative amounts, with zeros; null for any other node.
     */
    private static long[] spatialZeroPads(NodeProto pad, Map<String, TensorProto> constants) {
        if (!pad.getOpType().equals("Pad") || !(pad.getDomain().isEmpty() || pad.getDomain().equals("ai.onnx"))
                || !Attributes.getString(pad, "mode", "constant").equals("constant") || pad.getInputCount() < 2
                || pad.getInputCount() > 3 || !constants.containsKey(pad.getInput(1))) {
            return null;
        }
        if (pad.getInputCount() == 3 && !pad.getInput(2).isEmpty()) {
            TensorProto value = constants.get(pad.getInput(2));
            double[] v = value == null ? null : TensorProtos.toDoubles(value);
            if (v == null || v.length != 1 || v[0] != 0) {
                return null;
            }
        }
        long[] p = TensorProtos.toLongs(constants.get(pad.getInput(1)));
        if (p.length != 8 || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            return null;
        }
        long[] spatial = {p[2], p[3], p[6], p[7]};
        for (long v : spatial) {
            if (v < 0) {
                return null;
            }
        }
        return spatial;
    }
}
