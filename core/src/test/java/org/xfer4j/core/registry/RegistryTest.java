package org.xfer4j.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.xfer4j.core.fixtures.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.core.fakes.FakeGraphProvider;
import org.xfer4j.core.fakes.FakeModel;
import org.xfer4j.core.fakes.FakeModelSource;

class RegistryTest {

    @TempDir
    static Path plugins;

    @TempDir
    static Path work;

    private static final FakeModelSource SOURCE = new FakeModelSource();
    /** A host-supplied method with the id a plugin uses too. */
    private static final FakeGraphProvider KNN = new FakeGraphProvider("knn");
    private static Registry registry;

    @BeforeAll
    static void buildPlugins() throws IOException {
        PluginJars.build(work, plugins.resolve("knn.jar"), Map.of(
                "plain/Knn.java", PluginJars.repurposer("plain", "Knn", "knn", "1.0", ""),
                "plain/Ridge.java", PluginJars.repurposer("plain", "Ridge", "ridge", "1.0", "")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider", "plain.Knn\nplain.Ridge\n"));
        registry = Registry.load(plugins, List.of(SOURCE, KNN), PluginLoader.forHost());
    }

    @Test
    void hostProvidersComeFirstAndWinTheirIds() {
        assertThat(registry.repurposer("knn")).isSameAs(KNN);
        assertThat(registry.origin(KNN)).isEqualTo(Registry.HOST);
        assertThat(registry.plugins().getFirst().toString()).isEqualTo("host: loaded; providers model-source:fake, repurposer:knn");
        assertThat(registry.plugins()).filteredOn(r -> r.name().equals("knn.jar")).singleElement().asString()
                .contains("repurposer:ridge", "repurposer:knn: duplicate id, already provided by host");
    }

    @Test
    void unknownMethodIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> registry.repurposer("nope"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("unknown repurposing method 'nope'; known: [")
                .hasMessageContaining("knn").hasMessageContaining("ridge");
    }

    @Test
    void modelSourceIsTheFirstThatAcceptsTheReference() {
        assertThat(registry.modelSource("fake:tiny")).isSameAs(SOURCE);
        assertThatThrownBy(() -> registry.modelSource("resnet"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("no model source accepts 'resnet'")
                .hasMessageContaining("fake (models without graphs, for tests)");
    }

    @Test
    void missingFeatureExtractorIsAClearError() {
        assertThat(registry.featureExtractors()).isEmpty();
        SourceModel model = new FakeModel("fake:tiny", "00", List.of("fc"), Path.of("tiny.onnx"));
        assertThatThrownBy(() -> registry.featureExtractor(model))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("no feature extractor can run model fake model fake:tiny (fake:tiny)")
                .hasMessageContaining("extractors: none installed");
    }

    @Test
    void providerNotFromTheRegistryHasNoOrigin() {
        assertThatThrownBy(() -> registry.origin(new FakeGraphProvider("knn"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FakeGraphProvider is not a provider of this registry");
    }

    @Test
    void onTheClassPathPluginsGetPlainClassLoaders() {
        Registry flat = Registry.load(plugins, List.of(), new PluginLoader(null, RegistryTest.class.getClassLoader()));
        RepurposerProvider ridge = flat.repurposer("ridge");
        assertThat(ridge.getClass().getModule().isNamed()).isFalse();
        assertThat(ridge.getClass().getClassLoader()).isNotSameAs(RegistryTest.class.getClassLoader());
        assertThat(flat.origin(ridge)).isEqualTo("knn.jar");
        assertThat(flat.origin(flat.repurposer("knn"))).isEqualTo("knn.jar");
    }
}
