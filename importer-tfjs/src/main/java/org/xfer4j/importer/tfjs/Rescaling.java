package org.xfer4j.importer.tfjs;

import java.util.List;

/** Rescaling layers: {@code x * scale + offset} with scalar scale and offset. */
final class Rescaling {

    private Rescaling() {
    }

    static KTensor apply(LayerCall call) {
        KTensor in = call.input();
        Config c = call.config();
        if (c.raw("scale") instanceof List<?> || c.raw("offset") instanceof List<?>) {
            throw call.layer().unsupported("per-channel scale or offset (only scalars are imported)");
        }
        OnnxGraph g = call.graph();
        String scaled = g.node("Mul", call.name("scale"), List.of(in.name(),
                g.floats(call.initializerName("scale_value"), new float[] {(float) c.number("scale", 1)})));
        g.node("Add", call.out(), List.of(scaled,
                g.floats(call.initializerName("offset_value"), new float[] {(float) c.number("offset", 0)})));
        return call.result(in.shape());
    }
}
