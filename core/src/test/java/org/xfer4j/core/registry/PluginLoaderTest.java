package org.xfer4j.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.xfer4j.core.fixtures.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.SpiVersion;
import org.xfer4j.api.model.ModelSource;
import org.xfer4j.api.repurpose.RepurposerProvider;

/**
 * A plugins folder with real jars built at test time: a modular jar, a plain jar, a duplicate id, a provider for a
 * future SPI, a failing constructor, garbage bytes, a folder that bundles the api, and a stray text file.
 */
class PluginLoaderTest {

    @TempDir
    static Path plugins;

    @TempDir
    static Path work;

    private static Registry registry;

    @BeforeAll
    static void buildPlugins() throws IOException {
        PluginJars.build(work, plugins.resolve("a-knn.jar"), Map.of(
                "module-info.java", "module test.knn { requires org.xfer4j.api; "
                        + "provides org.xfer4j.api.repurpose.RepurposerProvider with test.knn.Knn, test.knn.Twin; }",
                "test/knn/Knn.java", PluginJars.repurposer("test.knn", "Knn", "knn", "1.0", ""),
                "test/knn/Twin.java", PluginJars.repurposer("test.knn", "Twin", "twin", "1.0", "")), Map.of());
        PluginJars.build(work, plugins.resolve("b-plain.jar"), Map.of("plain/Source.java", """
                package plain;
                public class Source implements org.xfer4j.api.model.ModelSource {
                    public String id() { return "plain"; }
                    public String description() { return "models named plain:*"; }
                    public boolean accepts(String reference) { return reference.startsWith("plain:"); }
                    public org.xfer4j.api.model.SourceModel open(String r, org.xfer4j.api.ProviderContext c) {
                        throw new UnsupportedOperationException();
                    }
                }
                """), Map.of("META-INF/services/org.xfer4j.api.model.ModelSource", "plain.Source\n"));
        PluginJars.build(work, plugins.resolve("c-dup.jar"), Map.of(
                "dup/Twin.java", PluginJars.repurposer("dup", "Twin", "twin", "1.0", ""),
                "dup/Other.java", PluginJars.repurposer("dup", "Other", "other", "1.0", ""),
                "dup/Nameless.java", PluginJars.repurposer("dup", "Nameless", "nameless", "1.0", "")
                        .replace("return \"nameless\";", "return null;")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider",
                        "dup.Twin\ndup.Other\ndup.Nameless\n"));
        PluginJars.build(work, plugins.resolve("d-future.jar"), Map.of(
                "future/Method.java", PluginJars.repurposer("future", "Method", "future", "2.0", "")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider", "future.Method\n"));
        PluginJars.build(work, plugins.resolve("e-broken.jar"), Map.of(
                "broken/Method.java", PluginJars.repurposer("broken", "Method", "broken", "1.0",
                        "public Method() { throw new IllegalStateException(\"no licence file\"); }")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider", "broken.Method\n"));
        Files.write(plugins.resolve("f-garbage.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        Path fat = Files.createDirectories(plugins.resolve("g-fat"));
        PluginJars.build(work, fat.resolve("fat.jar"), Map.of(
                "fat/Method.java", PluginJars.repurposer("fat", "Method", "fat", "1.0", "")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider", "fat.Method\n"));
        Path api = PluginJars.apiLocation();
        if (Files.isDirectory(api)) {
            PluginJars.zip(api, fat.resolve("xfer4j-api.jar"));
        } else {
            Files.copy(api, fat.resolve("xfer4j-api.jar"));
        }
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
        Files.createDirectories(plugins.resolve(".cache"));
        registry = Registry.load(plugins);
    }

    @Test
    void eachJarBecomesItsOwnModuleLayerWithItsOwnClassLoader() {
        RepurposerProvider knn = registry.repurposer("knn");
        ModelSource plain = registry.modelSource("plain:tiny");
        Module knnModule = knn.getClass().getModule();
        Module plainModule = plain.getClass().getModule();
        assertThat(knnModule.getName()).isEqualTo("test.knn");
        assertThat(plainModule.getName()).as("a plain jar is an automatic module").isEqualTo("b.plain");
        assertThat(plainModule.getDescriptor().isAutomatic()).isTrue();
        assertThat(knnModule.getLayer()).isNotSameAs(ModuleLayer.boot()).isNotSameAs(plainModule.getLayer());
        assertThat(knnModule.getLayer().parents()).containsExactly(ModuleLayer.boot());
        assertThat(knn.getClass().getClassLoader()).isNotSameAs(plain.getClass().getClassLoader());
    }

    @Test
    void originNamesThePluginJar() {
        assertThat(registry.origin(registry.repurposer("knn"))).isEqualTo("a-knn.jar");
        assertThat(registry.origin(registry.modelSource("plain:x"))).isEqualTo("b-plain.jar");
        assertThat(registry.origin(registry.repurposer("other"))).isEqualTo("c-dup.jar");
    }

    @Test
    void anIdTwoPluginsShareIsRefusedInBothAndNamedWhenAskedFor() {
        assertThat(registry.repurposers()).extracting(RepurposerProvider::id).doesNotContain("twin");
        assertThatThrownBy(() -> registry.repurposer("twin")).isInstanceOf(InvalidOptionException.class)
                .hasMessage("repurposing method 'twin' is provided by more than one plugin (a-knn.jar, c-dup.jar), "
                        + "so none is used; remove all but one");
        assertThat(report("a-knn.jar").problems())
                .containsExactly("repurposer:twin: duplicate id, also provided by c-dup.jar; both refused");
        assertThat(report("a-knn.jar").providers()).containsExactly("repurposer:knn");
        assertThat(report("c-dup.jar").toString()).contains("loaded", "repurposer:other",
                "repurposer:twin: duplicate id, also provided by a-knn.jar; both refused");
    }

    @Test
    void aProviderWithoutAnIdIsReportedNotAFailure() {
        assertThat(report("c-dup.jar").problems()).contains("repurposer dup.Nameless: its id is null");
        assertThat(registry.repurposer("other").id()).isEqualTo("other");
    }

    @Test
    void providerForAnotherSpiMajorIsSkipped() {
        assertThat(registry.repurposers()).extracting(RepurposerProvider::id).doesNotContain("future");
        assertThat(report("d-future.jar").problems())
                .containsExactly("repurposer:future: built against SPI 2.0, this host offers " + SpiVersion.CURRENT);
    }

    @Test
    void failingConstructorIsReportedWithItsMessage() {
        assertThat(registry.repurposers()).extracting(RepurposerProvider::id).doesNotContain("broken");
        assertThat(report("e-broken.jar").problems()).singleElement().asString()
                .contains("broken.Method", "cannot create it", "no licence file");
    }

    @Test
    void garbageJarIsSkippedByName() {
        PluginReport r = report("f-garbage.jar");
        assertThat(r.loaded()).isFalse();
        assertThat(r.toString()).startsWith("f-garbage.jar (" + plugins.resolve("f-garbage.jar") + "): skipped: cannot load it");
    }

    @Test
    void pluginBundlingTheApiIsSkipped() {
        PluginReport r = report("g-fat");
        assertThat(r.loaded()).isFalse();
        assertThat(r.reason()).contains("bundles the host module org.xfer4j.api");
        assertThat(registry.repurposers()).extracting(RepurposerProvider::id).doesNotContain("fat");
    }

    @Test
    void everyJarAndFolderIsReportedInNameOrderAfterTheBuiltIns() {
        assertThat(registry.plugins()).extracting(PluginReport::name).containsExactly(Registry.BUILT_IN,
                "a-knn.jar", "b-plain.jar", "c-dup.jar", "d-future.jar", "e-broken.jar", "f-garbage.jar", "g-fat");
        assertThat(report("a-knn.jar").toString()).contains(": loaded; providers repurposer:knn; skipped");
    }

    @Test
    void missingPluginsDirectoryMeansNoPlugins() {
        assertThat(Registry.load(plugins.resolve("nowhere")).plugins()).extracting(PluginReport::name)
                .containsExactly(Registry.BUILT_IN);
        assertThat(PluginLoader.forHost().load(null)).isEmpty();
    }

    private static PluginReport report(String name) {
        List<PluginReport> all = registry.plugins();
        return all.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
