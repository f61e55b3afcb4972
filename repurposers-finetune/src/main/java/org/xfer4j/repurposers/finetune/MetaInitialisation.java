package org.xfer4j.repurposers.finetune;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.core.artifact.InitialisationArtifact;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/** Starts fine-tuning from a meta-learned initialisation: its parameters replace those of the same graph. */
final class MetaInitialisation {

    private MetaInitialisation() {
    }

    /**
     * {@code graph} with every parameter of the initialisation in {@code file}.
     *
     * @throws InvalidOptionException naming the parameter when the initialisation was learned for another graph
     */
    static OnnxGraph apply(OnnxGraph graph, Path file, String sourceName) {
        InitialisationArtifact init = InitialisationArtifact.read(file);
        OnnxGraph out = graph;
        for (Map.Entry<String, Tensor> e : init.parameters().tensors().entrySet()) {
            long[] shape = e.getValue().shape();
            if (!graph.parameters().contains(e.getKey())
                    || !Arrays.equals(graph.parameter(e.getKey()).shape(), shape)) {
                throw new InvalidOptionException("init=" + file + ": its parameter " + e.getKey() + " "
                        + Arrays.toString(shape) + " has no counterpart of that shape in the source model "
                        + sourceName + " (" + (graph.parameters().contains(e.getKey())
                        ? "there it is " + Arrays.toString(graph.parameter(e.getKey()).shape()) : "no such parameter")
                        + "); it was meta-learned for " + init.provenance().sourceReference()
                        + ": fine-tune that graph");
            }
            out = out.withParameter(e.getKey(), e.getValue());
        }
        return out;
    }
}
