package org.xfer4j.core.fakes;

import java.nio.file.Path;
import java.util.List;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;

/**
 * A source model without a real graph, for host tests: a reference, a hash, named layers and a file standing in for
 * the ONNX graph; a fake extractor computes its "activations" from the samples directly.
 */
public record FakeModel(String reference, String sha256, List<String> layerNames, Path onnxFile)
        implements SourceModel {

    @Override
    public String name() {
        return "fake model " + reference;
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of();
    }

    @Override
    public List<LayerInfo> layers() {
        return layerNames.stream().map(n -> new LayerInfo(n, "Fake", List.of(n + "_out"), List.of(), 0)).toList();
    }

    @Override
    public String defaultFeatureLayer() {
        return layerNames.getLast();
    }

    @Override
    public Preprocessor preprocessor() {
        return batch -> {
            throw new UnsupportedOperationException("fake models have no graph inputs");
        };
    }

    @Override
    public Pooling pooling() {
        return Pooling.IMAGE;
    }

    @Override
    public void close() {
    }
}
