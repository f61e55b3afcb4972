package org.xfer4j.core.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.feature.FeatureExtractorProvider;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.LayerBlock;
import org.xfer4j.api.model.SourceModel;

/**
 * "Runs" {@link FakeModel}s: the activations of layer "fc" are a sample's tensor "x", those of "conv" are 10x; it
 * counts extractions and open extractors so tests can see the cache and the closing at work.
 */
public final class FakeExtractorProvider implements FeatureExtractorProvider {

    /** Datasets extracted so far. */
    public final AtomicInteger extractions = new AtomicInteger();
    /** Extractors open now. */
    public final AtomicInteger open = new AtomicInteger();

    @Override
    public String id() {
        return "fake-extractor";
    }

    @Override
    public String description() {
        return "reads features straight from tensor samples";
    }

    @Override
    public boolean supports(SourceModel model) {
        return model instanceof FakeModel;
    }

    @Override
    public FeatureExtractor open(SourceModel model, ExtractionOptions options, ProviderContext context) {
        open.incrementAndGet();
        return new FeatureExtractor() {
            @Override
            public SourceModel model() {
                return model;
            }

            @Override
            public FeatureMatrix extract(Dataset data, List<String> layers, Progress progress) {
                extractions.incrementAndGet();
                FeatureMatrix result = null;
                for (String layer : layers) {
                    FeatureMatrix block = layer(data, layer);
                    result = result == null ? block : result.concatColumns(block);
                }
                return result;
            }

            @Override
            public void close() {
                open.decrementAndGet();
            }
        };
    }

    private static FeatureMatrix layer(Dataset data, String layer) {
        float scale = layer.equals("conv") ? 10 : 1;
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            float[] x = ((Sample.Tensors) data.sample(i)).inputs().get("x").floats().clone();
            for (int j = 0; j < x.length; j++) {
                x[j] *= scale;
            }
            rows.add(x);
        }
        FeatureMatrix m = FeatureMatrix.of(rows.toArray(float[][]::new));
        return new FeatureMatrix(m.rows(), m.columns(), m.values(), List.of(new LayerBlock(layer, 0, m.columns())));
    }
}
