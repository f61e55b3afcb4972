package org.xfer4j.importer.tfjs;

import java.util.List;

/** One layer of a Keras topology: its name, class, config and the tensors each of its calls consumes. */
record KerasLayer(String name, String className, Config config, List<List<TensorRef>> calls) {

    /** Output {@code tensor} of call {@code call} of layer {@code layer}. */
    record TensorRef(String layer, int call, int tensor) {
    }

    /** How errors name this layer: {@code layer 'Conv1' (Conv2D)}. */
    String describe() {
        return "layer '" + name + "' (" + className + ")";
    }

    UnsupportedLayerException unsupported(String what) {
        return new UnsupportedLayerException(describe() + ": " + what);
    }
}
