package org.xfer4j.cli;

import java.util.List;
import java.util.Map;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.graph.ValueInfos;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;

/**
 * Feeds a net the library built (no preprocessing of its own): images scaled to [0, 1] at the net's input size, as
 * [N, C, H, W] for a CNN or flattened to [N, C*H*W] for an MLP on square grey images, and feature rows
 * ({@link Sample.Tensors}) stacked as they are.
 */
final class NetInputs implements Preprocessor, AutoCloseable {

    private final String input;
    private final long[] dims;
    private final ImagePreprocessor images;

    NetInputs(OnnxGraph graph) {
        this.input = graph.inputNames().getFirst();
        this.dims = ValueInfos.dims(graph.model().getGraph().getInputList().stream()
                .filter(v -> v.getName().equals(input)).findFirst().orElseThrow());
        ImageSpec spec = null;
        if (dims.length == 4) {
            spec = new ImageSpec((int) dims[3], (int) dims[2], (int) dims[1], 0, false, false, 1f / 255,
                    new float[(int) dims[1]], ones((int) dims[1]));
        } else if (dims.length == 2) {
            int side = (int) Math.round(Math.sqrt(dims[1]));
            if (side * side == dims[1]) {
                spec = new ImageSpec(side, side, 1, 0, false, false, 1f / 255, new float[1], ones(1));
            }
        }
        this.images = spec == null ? null : new ImagePreprocessor(input, spec, 1);
    }

    @Override
    public Map<String, Tensor> prepare(List<Sample> batch) {
        if (batch.getFirst() instanceof Sample.Image) {
            if (images == null) {
                throw new InvalidInputException("the net's input " + input + " " + java.util.Arrays.toString(dims)
                        + " takes no images: use a cnn spec, or an mlp whose input width is a square number of pixels");
            }
            Tensor t = images.prepare(batch).get(input);
            long[] shape = dims.length == 2 ? new long[] {batch.size(), dims[1]} : t.shape();
            return Map.of(input, Tensor.ofFloats(t.floats(), shape));
        }
        if (batch.getFirst() instanceof Sample.Tensors first && first.inputs().size() == 1) {
            int width = first.inputs().values().iterator().next().size();
            float[] x = new float[batch.size() * width];
            for (int i = 0; i < batch.size(); i++) {
                if (!(batch.get(i) instanceof Sample.Tensors s) || s.inputs().size() != 1
                        || s.inputs().values().iterator().next().size() != width) {
                    throw new InvalidInputException("example " + i + " of the batch is not a feature row of "
                            + width + " values like the first");
                }
                System.arraycopy(s.inputs().values().iterator().next().floats(), 0, x, i * width, width);
            }
            return Map.of(input, Tensor.ofFloats(x, batch.size(), width));
        }
        throw new InvalidInputException("a net built from a spec reads images or feature rows, not "
                + batch.getFirst().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                + " samples; for texts meta-train a --model with its own tokenizer");
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    @Override
    public void close() {
        if (images != null) {
            images.close();
        }
    }
}
