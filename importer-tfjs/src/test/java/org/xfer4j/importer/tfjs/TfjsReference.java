package org.xfer4j.importer.tfjs;


import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xfer4j.data.registry.CacheDirs;
import org.xfer4j.testkit.Prerequisites;

/**
 * The original TF.js runtime (npm @tensorflow/tfjs-core, -layers, -backend-cpu 4.22.0, installed once into the test
 * cache with npm) running the scripts in test resources {@code tfjs-reference/}. Tests that need it are skipped,
 * with a message saying so, where node or npm is absent.
 */
final class TfjsReference {

    static final Path CACHE = Path.of(System.getProperty("xfer4j.cache", "target/cache"));
    private static final String[] FILES = {"package.json", "reference.js", "conformance.js"};

    private final Path dir;

    private TfjsReference(Path dir) {
        this.dir = dir;
    }

    /** The installed reference, or an aborted (skipped) test when node or npm is missing. */
    static TfjsReference installed() throws Exception {
        Prerequisites.require(onPath("node") && onPath("npm"),
                "node and npm are not installed: the comparison with the original TF.js runtime cannot run");
        Path dir = CacheDirs.ensure(CACHE.resolve("tfjs-reference-4.22.0-v1"), d -> {
            for (String f : FILES) {
                try (InputStream in = TfjsReference.class.getResourceAsStream("/tfjs-reference/" + f)) {
                    Files.copy(in, d.resolve(f));
                }
            }
            run(d, List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"));
        });
        return new TfjsReference(dir);
    }

    /** The outputs of one reference run: the model input it built and each named layer's output (Keras layout). */
    record Run(float[] input, Map<String, float[]> layers) {
    }

    /** Runs {@code model} on {@code n} RGB images of {@code h} x {@code w}, resized to {@code size} ("224x224"). */
    Run run(Path model, byte[] rgb, int n, int h, int w, String size, List<String> layers) throws Exception {
        Path work = Files.createTempDirectory(CACHE, "tfjs-run");
        try {
            Path images = work.resolve("images.u8");
            Files.write(images, rgb);
            Path out = work.resolve("out");
            run(dir, List.of("node", "reference.js", model.toAbsolutePath().toString(), images.toString(),
                    "" + n, "" + h, "" + w, size, out.toString(), String.join(",", layers)));
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (String l : layers) {
                outputs.put(l, floats(out.resolve(l + ".f32")));
            }
            return new Run(floats(out.resolve("input.f32")), outputs);
        } finally {
            CacheDirs.deleteTree(work);
        }
    }

    /** Builds the conformance model (every supported layer type, random weights) into {@code outDir}. */
    Path conformanceModel(Path outDir) throws Exception {
        run(dir, List.of("node", "conformance.js", outDir.toAbsolutePath().toString()));
        return outDir.resolve("model.json");
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static void run(Path workDir, List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }
}
