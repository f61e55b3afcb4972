package org.xfer4j.runtime.onnx.feature;

import java.nio.file.Files;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.feature.FeatureExtractorProvider;
import org.xfer4j.api.model.SourceModel;

/** Runs any source model that has an ONNX file with ONNX Runtime, on the CPU or a CUDA device. */
public final class OnnxFeatureExtractorProvider implements FeatureExtractorProvider {

    @Override
    public String id() {
        return "onnx";
    }

    @Override
    public String description() {
        return "features of any layers of an ONNX graph, run by ONNX Runtime (CPU or CUDA)";
    }

    @Override
    public boolean supports(SourceModel model) {
        return model.onnxFile() != null && Files.isRegularFile(model.onnxFile());
    }

    @Override
    public FeatureExtractor open(SourceModel model, ExtractionOptions options, ProviderContext context) {
        return new OnnxFeatureExtractor(model, options, context);
    }
}
