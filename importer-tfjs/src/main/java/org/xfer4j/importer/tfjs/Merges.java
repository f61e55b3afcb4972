package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.intAttr;

import java.util.List;

/** Layers that combine several tensors: element-wise Add, Multiply, Subtract, Average, Maximum, Minimum; Concatenate. */
final class Merges {

    private Merges() {
    }

    static KTensor elementwise(LayerCall call) {
        List<KTensor> in = call.inputs();
        if (in.size() < 2) {
            throw new TfjsFormatException(call.layer().describe() + " needs at least two inputs, got " + in.size());
        }
        for (KTensor t : in) {
            if (t.rank() != in.getFirst().rank()) {
                throw call.layer().unsupported("inputs of different ranks " + in);
            }
        }
        List<String> names = in.stream().map(KTensor::name).toList();
        OnnxGraph g = call.graph();
        String cls = call.layer().className();
        switch (cls) {
            case "Subtract" -> {
                if (in.size() != 2) {
                    throw new TfjsFormatException(call.layer().describe() + " needs exactly two inputs");
                }
                g.node("Sub", call.out(), names);
            }
            case "Multiply" -> {
                String acc = names.getFirst();
                for (int i = 1; i < names.size(); i++) {
                    acc = g.node("Mul", i == names.size() - 1 ? call.out() : call.name("mul" + i), List.of(acc, names.get(i)));
                }
            }
            case "Average" -> g.node("Mul", call.out(), List.of(g.node("Sum", call.name("sum"), names),
                    g.floats(call.initializerName("reciprocal"), new float[] {1f / names.size()})));
            default -> g.node(switch (cls) {
                case "Maximum" -> "Max";
                case "Minimum" -> "Min";
                default -> names.size() == 2 ? "Add" : "Sum";
            }, call.out(), names);
        }
        long[] shape = in.getFirst().shape();
        for (KTensor t : in) {
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Math.max(shape[i], t.shape()[i]);
            }
        }
        return call.result(shape);
    }

    static KTensor concatenate(LayerCall call) {
        List<KTensor> in = call.inputs();
        KTensor first = in.getFirst();
        int kerasAxis = (int) call.config().number("axis", -1);
        int axis = kerasAxis < 0 ? first.rank() + kerasAxis : kerasAxis;
        long[] shape = first.shape();
        shape[axis] = 0;
        for (KTensor t : in) {
            if (t.rank() != first.rank()) {
                throw call.layer().unsupported("inputs of different ranks " + in);
            }
            shape[axis] = shape[axis] < 0 || t.dim(axis) < 0 ? -1 : shape[axis] + t.dim(axis);
        }
        call.graph().node("Concat", call.out(), in.stream().map(KTensor::name).toList(),
                intAttr("axis", first.onnxAxis(axis)));
        return call.result(shape);
    }
}
