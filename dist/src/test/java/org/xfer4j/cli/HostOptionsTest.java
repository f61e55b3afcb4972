package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared options are checked before a command does anything: the device, the plugins folder, the cache folder. */
class HostOptionsTest {

    record Run(int exit, String err) {
    }

    static Run cli(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            int exit = Main.run(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void cudaIsCheckedUpFrontEvenForACommandThatOpensNoSession() {
        // `models` opens no ONNX Runtime session; it used to exit 0 with --device cuda on a machine without CUDA
        Run r = cli("models", "--device", "cuda");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: CUDA requested but not available").doesNotContain("Exception");
    }

    @Test
    void aPluginsFolderThatIsMissingOrAFileIsRefused(@TempDir Path dir) throws IOException {
        Run missing = cli("plugins", "--plugins", dir.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("error: --plugins " + dir.resolve("nowhere") + " does not exist");
        Path file = Files.writeString(dir.resolve("plugin.jar"), "x");
        Run aFile = cli("models", "--plugins", file.toString());
        assertThat(aFile.err()).contains("error: --plugins " + file + " is a file; name the folder");
    }

    @Test
    void aCacheThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cache"), "x");
        Run r = cli("models", "--cache", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error: the cache folder " + file + " is a file");
    }

    @Test
    void pluginProblemsAreSaidOutsideThePluginsCommand(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});
        Run r = cli("models", "--plugins", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("warning: plugin broken.jar").contains("skipped");
    }
}
