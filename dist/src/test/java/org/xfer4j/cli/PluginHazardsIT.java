package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.core.fixtures.PluginJars;

/**
 * Real plugin jars that misbehave while they are loaded, dropped into a plugins folder of the assembled distribution:
 * one that blocks in its constructor costs only the commands that need its kind of provider, and only the time
 * limit; one that calls System.exit is named and the exit status is not 0.
 */
class PluginHazardsIT {

    private static final String REPURPOSERS = "META-INF/services/org.xfer4j.api.repurpose.RepurposerProvider";

    @Test
    void aPluginCallingSystemExitWhileLoadingIsNamedAndTheStatusIsNotZero(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        PluginJars.build(dir, plugins.resolve("quitter.jar"), Map.of("quit/Method.java",
                PluginJars.repurposer("quit", "Method", "quit", "1.0", "public Method() { System.exit(0); }")),
                Map.of(REPURPOSERS, "quit.Method\n"));
        DistributionIT.Result r = DistributionIT.launch("plugins", "--plugins", plugins.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.err()).contains("error: plugin quitter.jar ended the program (System.exit) while creating its "
                + "repurposer quit.Method");
    }

    @Test
    void aBlockingPluginCostsNothingToCommandsThatDoNotNeedItAndIsNamedByPlugins(@TempDir Path dir) throws Exception {
        Path plugins = dir.resolve("plugins");
        Files.createDirectories(plugins);
        PluginJars.build(dir, plugins.resolve("stuck.jar"), Map.of("stuck/Method.java",
                PluginJars.repurposer("stuck", "Method", "stuck", "1.0", "public Method() { try { "
                        + "new java.util.concurrent.CountDownLatch(1).await(); } catch (InterruptedException e) { } }")),
                Map.of(REPURPOSERS, "stuck.Method\n"));
        DistributionIT.Result methods = DistributionIT.launch("models", "--plugins", plugins.toString());
        assertThat(methods.exit()).as(methods.err()).isZero();
        assertThat(methods.err()).doesNotContain("stuck");
        DistributionIT.Result listed = DistributionIT.launchWith("-Dxfer4j.plugins.timeout=1", "plugins", "--plugins",
                plugins.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("stuck.jar (" + plugins.resolve("stuck.jar") + "): loaded; providers none;"
                + " skipped repurposer stuck.Method: not created within 1 s");
    }
}
