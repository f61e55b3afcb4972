package org.xfer4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Provider;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureExtractor;
import org.xfer4j.api.feature.FeatureExtractorProvider;
import org.xfer4j.core.features.FeatureCache;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.model.InputSpec;
import org.xfer4j.api.model.LayerInfo;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.core.fakes.FakeData;
import org.xfer4j.core.fakes.FakeExtractorProvider;
import org.xfer4j.core.fakes.FakeModelSource;

/**
 * Features cached for one way of preparing, pooling or extracting are never served for another: the same model file,
 * data and layers with other preprocessing, other pooling or another extractor version are extracted afresh.
 */
class ExtractionKeyTest {

    private static final Dataset DATA = FakeData.points("d", new float[][] {{0, 1}, {2, 3}}, new int[] {0, 1});
    private static final List<String> LAYERS = List.of("fc");

    /** {@code model} with another preprocessing description and pooling (same file, same hash). */
    private record Restyled(SourceModel model, Map<String, String> preprocessing, Pooling pooling)
            implements SourceModel {
        public String reference() { return model.reference(); }
        public String name() { return model.name(); }
        public Path onnxFile() { return model.onnxFile(); }
        public String sha256() { return model.sha256(); }
        public List<InputSpec> inputs() { return model.inputs(); }
        public List<LayerInfo> layers() { return model.layers(); }
        public String defaultFeatureLayer() { return model.defaultFeatureLayer(); }
        public void close() { }

        public Preprocessor preprocessor() {
            return new Preprocessor() {
                public Map<String, org.xfer4j.api.data.Tensor> prepare(List<org.xfer4j.api.data.Sample> batch) {
                    throw new UnsupportedOperationException();
                }

                public Map<String, String> describe() {
                    return preprocessing;
                }
            };
        }
    }

    @Test
    void otherPreprocessingOrPoolingIsExtractedAfresh(@TempDir Path dir) {
        FakeExtractorProvider extractor = new FakeExtractorProvider();
        try (Xfer xfer = Xfer.builder().optCacheDir(dir).optModule(new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder<Provider> set = Multibinder.newSetBinder(binder(), Provider.class);
                set.addBinding().toInstance(new FakeModelSource());
                set.addBinding().toInstance(new FeatureExtractorProvider() { // the fake extractor, for any model
                    public String id() { return extractor.id(); }
                    public String description() { return extractor.description(); }
                    public boolean supports(SourceModel m) { return true; }
                    public FeatureExtractor open(SourceModel m, ExtractionOptions o, ProviderContext c) {
                        return extractor.open(m, o, c);
                    }
                });
            }
        }).build()) {
            SourceModel model = xfer.openModel("fake:net");
            SourceModel at224 = new Restyled(model, Map.of("spec", "3x224x224 mean [0.5]"), Pooling.IMAGE);
            xfer.extract(at224, DATA, LAYERS);
            xfer.extract(at224, DATA, LAYERS);
            assertThat(extractor.extractions).as("the same preparation is cached").hasValue(1);
            xfer.extract(new Restyled(model, Map.of("spec", "3x224x224 mean [0.485]"), Pooling.IMAGE), DATA, LAYERS);
            assertThat(extractor.extractions).as("another mean").hasValue(2);
            xfer.extract(new Restyled(model, Map.of("spec", "3x224x224 mean [0.5]"),
                    new Pooling(Pooling.Sequence.FLATTEN, Pooling.Spatial.FLATTEN, null)), DATA, LAYERS);
            assertThat(extractor.extractions).as("another pooling").hasValue(3);
        }
    }

    @Test
    void theKeyNamesTheExtractorAndItsVersion() {
        SourceModel model = new FakeModelSource().open("fake:net", null);
        FeatureCache.Key v1 = Extraction.key(model, LAYERS, ExtractionOptions.DEFAULT, "d", extractor("1.0"));
        FeatureCache.Key v2 = Extraction.key(model, LAYERS, ExtractionOptions.DEFAULT, "d", extractor("2.0"));
        assertThat(v1.id()).isNotEqualTo(v2.id());
        assertThat(v2.text()).contains("extractor=onnx 2.0");
    }

    @Test
    void aLambdaPreprocessorIsDescribedByItsDefiningClassNotItsHiddenName() {
        Preprocessor lambda = batch -> Map.of();
        // the hidden class's name ends in an address that differs from run to run: it would defeat the cache
        assertThat(lambda.getClass().getName()).startsWith(ExtractionKeyTest.class.getName() + "$$Lambda")
                .isNotEqualTo(ExtractionKeyTest.class.getName() + "$$Lambda");
        assertThat(lambda.describe()).containsExactly(Map.entry("class", ExtractionKeyTest.class.getName() + "$$Lambda"));
    }

    private static FeatureExtractorProvider extractor(String version) {
        return new FeatureExtractorProvider() {
            public String id() { return "onnx"; }
            public String description() { return "an extractor of some version"; }
            public String version() { return version; }
            public boolean supports(SourceModel model) { return true; }
            public FeatureExtractor open(SourceModel model, ExtractionOptions options, ProviderContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
