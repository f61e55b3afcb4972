package org.xfer4j.bench.features;

import java.util.List;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;
import org.xfer4j.runtime.onnx.model.ModelPack;
import org.xfer4j.runtime.onnx.model.ModelPackSource;

/** bge-small-en-v1.5 default-layer features of a dataset, as the product computes them. */
final class SubjectFeatures {

    static final int BATCH = 32;

    private SubjectFeatures() {
    }

    /** The context of every benchmark here: the shared cache, CPU, 2 intra-op threads (the machine has 2 cores). */
    static ProviderContext context() {
        ProviderContext d = ProviderContext.defaults();
        return new ProviderContext(d.cacheDir(), d.device(), 2, d.seed(), d.progress());
    }

    static SourceModel openBge() {
        return open(ModelPack.BGE_SMALL_EN_V15);
    }

    static SourceModel open(ModelPack pack) {
        return new ModelPackSource().open(pack.name(), context());
    }

    static OnnxFeatureExtractor open(SourceModel bge) {
        return new OnnxFeatureExtractor(bge, new ExtractionOptions(BATCH), context());
    }

    static FeatureMatrix extract(SourceModel bge, Dataset data) {
        try (OnnxFeatureExtractor ex = open(bge)) {
            return ex.extract(data, List.of(), Progress.NONE);
        }
    }
}
