package org.xfer4j.training.autodiff;

import ai.onnx.proto.OnnxMl.NodeProto;

/** The reverse-mode rule of one operator: from the gradients of a node's outputs, those of its inputs. */
interface GradientRule {

    /** Emits the input gradients the context asks for ({@link RuleContext#needs}) and hands them over. */
    void backward(RuleContext c);

    /** The forward node as the rule needs it (extra outputs such as MaxPool indices); identity by default. */
    default NodeProto prepare(NodeProto node) {
        return node;
    }
}
