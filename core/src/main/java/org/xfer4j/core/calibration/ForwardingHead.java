package org.xfer4j.core.calibration;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.repurpose.OnnxHead;

/** An {@link OnnxHead} that passes every call to another; subclasses change what they need. */
class ForwardingHead implements OnnxHead {

    private final OnnxHead head;

    ForwardingHead(OnnxHead head) {
        this.head = head;
    }

    @Override
    public String features() {
        return head.features();
    }

    @Override
    public int opset() {
        return head.opset();
    }

    @Override
    public String constant(double[] values, long... shape) {
        return head.constant(values, shape);
    }

    @Override
    public String constantInts(long[] values, long... shape) {
        return head.constantInts(values, shape);
    }

    @Override
    public String op(String opType, Map<String, ?> attributes, String... inputs) {
        return head.op(opType, attributes, inputs);
    }

    @Override
    public String reduce(String opType, String input, boolean keepDims, long... axes) {
        return head.reduce(opType, input, keepDims, axes);
    }

    @Override
    public List<String> loop(long maxTrips, List<String> initial, LoopBody body) {
        return head.loop(maxTrips, initial, body);
    }

    @Override
    public void probabilities(String value) {
        head.probabilities(value);
    }
}
