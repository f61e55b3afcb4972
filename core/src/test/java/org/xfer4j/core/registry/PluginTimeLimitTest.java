package org.xfer4j.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.repurpose.RepurposerProvider;
import org.xfer4j.core.fakes.FakeGraphProvider;
import org.xfer4j.core.fakes.FakeModelSource;
import org.xfer4j.core.fixtures.PluginJars;

/**
 * Real plugin jars whose provider constructors block for good: one that is asked for costs the time limit and is
 * named and skipped, with the rest of its plugin; one whose kind a lookup never reaches is never run at all.
 */
@Timeout(120)
class PluginTimeLimitTest {

    @TempDir
    static Path plugins;

    @TempDir
    static Path work;

    private static final FakeGraphProvider HOST_METHOD = new FakeGraphProvider("host-method");

    @BeforeAll
    static void buildPlugins() throws IOException {
        // a-hang: a repurposer whose constructor never returns, then one that would be fine
        PluginJars.build(work, plugins.resolve("a-hang.jar"), Map.of(
                "hang/Stuck.java", PluginJars.repurposer("hang", "Stuck", "stuck", "1.0",
                        "public Stuck() { System.setProperty(\"test.created.stuck\", \"yes\"); "
                                + "try { new java.util.concurrent.CountDownLatch(1).await(); } "
                                + "catch (InterruptedException e) { throw new IllegalStateException(e); } }"),
                "hang/After.java", PluginJars.repurposer("hang", "After", "after", "1.0", "")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider", "hang.Stuck\nhang.After\n"));
        // b-fine: a plugin that loads normally, after the stuck one
        PluginJars.build(work, plugins.resolve("b-fine.jar"), Map.of(
                "fine/Knn.java", PluginJars.repurposer("fine", "Knn", "knn", "1.0", "")),
                Map.of("META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider", "fine.Knn\n"));
        // c-spin: a model source whose static initialiser never ends, marking that it ran
        PluginJars.build(work, plugins.resolve("c-spin.jar"), Map.of("spin/Source.java", """
                package spin;
                public class Source implements org.xfer4j.api.model.ModelSource {
                    static {
                        System.setProperty("test.created.spin", "yes");
                        try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
                    }
                    public String id() { return "spin"; }
                    public String description() { return "never ready"; }
                    public boolean accepts(String reference) { return true; }
                    public org.xfer4j.api.model.SourceModel open(String r, org.xfer4j.api.ProviderContext c) {
                        throw new UnsupportedOperationException();
                    }
                }
                """), Map.of("META-INF/services/org.xfer4j.api.model.ModelSource", "spin.Source\n"));
    }

    private static Registry registry() {
        return Registry.load(plugins, List.of(new FakeModelSource(), HOST_METHOD), PluginLoader.forHost(),
                Duration.ofMillis(400));
    }

    @Test
    void aLookupThatTheHostOrBuiltInsAnswerRunsNoPluginCode() {
        System.clearProperty("test.created.stuck");
        System.clearProperty("test.created.spin");
        Registry r = registry();
        assertThat(r.repurposer("host-method")).isSameAs(HOST_METHOD);
        assertThat(r.modelSource("fake:tiny")).isInstanceOf(FakeModelSource.class);
        assertThat(System.getProperty("test.created.stuck")).as("the blocking repurposer was created").isNull();
        assertThat(System.getProperty("test.created.spin")).as("the spinning model source was created").isNull();
    }

    @Test
    void aProviderThatDoesNotFinishInTimeIsNamedAndSkippedWithTheRestOfItsPlugin() {
        Registry r = registry();
        assertThat(r.repurposer("knn").getClass().getName()).isEqualTo("fine.Knn");
        assertThat(r.repurposers()).extracting(RepurposerProvider::id).doesNotContain("stuck", "after");
        PluginReport hang = report(r, "a-hang.jar");
        assertThat(hang.problems()).containsExactly(
                "repurposer hang.Stuck: not created within 0.4 s (-Dxfer4j.plugins.timeout); skipped with the rest "
                        + "of a-hang.jar",
                "repurposer hang.After: not created, since hang.Stuck did not finish");
        assertThat(report(r, "c-spin.jar").problems()).singleElement().asString()
                .startsWith("model-source spin.Source: not created within 0.4 s");
        assertThat(report(r, "b-fine.jar").toString()).isEqualTo("b-fine.jar (" + plugins.resolve("b-fine.jar")
                + "): loaded; providers repurposer:knn");
    }

    @Test
    void warningsAreToldAsTheProblemsAreMet() {
        Registry r = registry();
        List<String> told = new java.util.ArrayList<>();
        r.warnTo(told::add);
        assertThat(told).as("nothing of a plugin has run yet").isEmpty();
        r.repurposer("knn");
        assertThat(told).hasSize(2).first().asString().startsWith("a-hang.jar (" + plugins.resolve("a-hang.jar")
                + "): skipped repurposer hang.Stuck: not created within 0.4 s");
    }

    private static PluginReport report(Registry r, String name) {
        return r.plugins().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
