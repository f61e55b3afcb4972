package org.xfer4j.importer.tfjs;

import static org.xfer4j.importer.tfjs.OnnxGraph.intAttr;
import static org.xfer4j.importer.tfjs.OnnxGraph.ints;

import java.util.List;

/**
 * Pooling layers. Windowed average pooling leaves padding out of the mean (count_include_pad=0), as TF does for
 * "same"; global pooling is a reduction over the two spatial axes.
 */
final class Poolings {

    private Poolings() {
    }

    static KTensor window(LayerCall call) {
        KTensor in = call.imageInput();
        Config c = call.config();
        int[] size = c.has("pool_size") ? c.ints("pool_size", 2) : new int[] {2, 2};
        int[] strides = c.has("strides") ? c.ints("strides", 2) : size;
        Window w = Window.of(call, in.dim(1), in.dim(2), size, strides, new int[] {1, 1});
        boolean max = call.layer().className().equals("MaxPooling2D");
        call.graph().node(max ? "MaxPool" : "AveragePool", call.out(), List.of(in.name()),
                ints("kernel_shape", size[0], size[1]), ints("strides", strides[0], strides[1]), w.padding());
        return call.result(in.dim(0), w.outHeight(), w.outWidth(), in.dim(3));
    }

    static KTensor global(LayerCall call) {
        KTensor in = call.imageInput();
        boolean keep = call.config().bool("keepdims", false);
        boolean max = call.layer().className().equals("GlobalMaxPooling2D");
        call.graph().node(max ? "ReduceMax" : "ReduceMean", call.out(), List.of(in.name()), ints("axes", 2, 3),
                intAttr("keepdims", keep ? 1 : 0));
        return keep ? call.result(in.dim(0), 1, 1, in.dim(3)) : call.result(in.dim(0), in.dim(3));
    }
}
