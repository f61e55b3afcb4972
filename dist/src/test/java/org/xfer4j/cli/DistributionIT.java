package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.data.image.FashionMnist;

/** Launches the assembled distribution for real (bin/xfer4j: java -p lib -m org.xfer4j.cli), not through surefire. */
@Tag("network")
@Tag("debian")
class DistributionIT {

    private static final Path DIST = Path.of(System.getProperty("xfer4j.dist", "target/xfer4j"));

    record Result(int exit, String out, String err) {
    }

    static Result launch(String... args) throws IOException, InterruptedException {
        return launchWith("", args);
    }

    /** Launches bin/xfer4j with {@code jvmOptions} added to XFER4J_OPTS. */
    static Result launchWith(String jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/xfer4j").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("XFER4J_OPTS", "-Dxfer4j.cache=" + System.getProperty("xfer4j.cache") + " " + jvmOptions);
        Path outFile = Files.createTempFile("xfer4j-out", ".txt");
        Path errFile = Files.createTempFile("xfer4j-err", ".txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("xfer4j " + String.join(" ", args) + " did not finish in 15 minutes");
        }
        return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    @Test
    void distributionHasTheDocumentedLayout() {
        assertThat(DIST.resolve("bin/xfer4j")).isExecutable();
        assertThat(DIST.resolve("conf/xfer4j.properties")).isRegularFile();
        assertThat(DIST.resolve("lib")).isDirectoryContaining("glob:**xfer4j-api-*.jar");
        assertThat(DIST.resolve("plugins")).isDirectoryContaining("glob:**xfer4j-plugin-prototype-*.jar");
        assertThat(DIST.resolve("lib")).isDirectoryNotContaining("glob:**xfer4j-plugin-prototype-*.jar");
    }

    @Test
    void findsThePluginDroppedIntoPluginsFolder() throws Exception {
        Result r = launch("plugins");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("prototype").contains("xfer4j-plugin-prototype").contains("lr").contains("svm")
                .contains("gp");
    }

    @Test
    void reportsABrokenPluginJarAndKeepsGoing(@TempDir Path plugins) throws Exception {
        Path prototype;
        try (Stream<Path> s = Files.list(DIST.resolve("plugins"))) {
            prototype = s.filter(p -> p.getFileName().toString().startsWith("xfer4j-plugin-prototype")).findFirst()
                    .orElseThrow();
        }
        Files.copy(prototype, plugins.resolve(prototype.getFileName()));
        Files.write(plugins.resolve("broken-plugin.jar"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Result r = launch("plugins", "--plugins", plugins.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).contains("broken-plugin.jar").contains("prototype");
    }

    @Test
    void unknownMethodIsAClearErrorListingTheKnownOnes() throws Exception {
        Result r = launch("repurpose", "--method", "no-such-method", "--model", "bge-small-en-v1.5",
                "--train", "spam-subjects:train");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-method").contains("lr").contains("prototype");
    }

    @Test
    void searchesAPluginsDeclaredOptionCalibratesAndSavesTheTrace(@TempDir Path dir) throws Exception {
        Path artifact = dir.resolve("tuned.xfer");
        Result r = launch("repurpose", "--method", "prototype", "-o", "temperature=auto", "-o", "standardize=true",
                "--hpo-evaluations", "6", "--calibrate", "temperature", "--model", "bge-small-en-v1.5",
                "--train", "spam-subjects:train", "--test", "spam-subjects:test", "--out", artifact.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("bayes search of prototype: 6 evaluations, 5-fold stratified CV")
                .contains("chosen: {standardize=true, temperature=").contains("temperature scaling: T = ")
                .contains("test calibration: NLL ");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(artifact.toFile())) {
            assertThat(zip.getEntry("tuning.properties")).isNotNull();
            assertThat(zip.getEntry("calibration.properties")).isNotNull();
        }
        Result bad = launch("repurpose", "--method", "prototype", "-o", "temprature=auto", "--model",
                "bge-small-en-v1.5", "--train", "spam-subjects:train");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("option temprature=auto: prototype declares no search range for temprature");
    }

    @Test
    void pluginMethodRepurposesARealModelSavesAndPredictsThroughTheDistribution(@TempDir Path dir) throws Exception {
        Path artifact = dir.resolve("prototype.xfer");
        Result r = launch("repurpose", "--method", "prototype", "--model", "bge-small-en-v1.5",
                "--train", "spam-subjects:train", "--test", "spam-subjects:test", "--out", artifact.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(artifact).isRegularFile();
        assertThat(r.out()).contains("accuracy");
        Path predictions = dir.resolve("p.csv");
        Result p = launch("predict", "--artifact", artifact.toString(), "--data", "spam-subjects:test",
                "--out", predictions.toString());
        assertThat(p.exit()).as(p.err()).isZero();
        // header + one row per test example (30 % of the subjects)
        assertThat(Files.readAllLines(predictions)).hasSizeGreaterThan(1500).first().isEqualTo("id,example,label,predicted,ham,spam");
    }

    @Test
    void studyKilledMidWayResumesWithNoLostOrDuplicatedRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kill.yaml");
        Files.writeString(file, """
                study: kill
                repeats: 8
                shots: [2, 5, 10, 20, 40]
                datasets:
                  - {name: spam, train: spam-subjects:train, test: spam-subjects:test}
                models:
                  - model: bge-small-en-v1.5
                methods: [lr, svm, gp]
                """);
        Path out = dir.resolve("out");
        Path jsonl = out.resolve("runs.jsonl");
        int total = 3 * 5 * 8;
        List<String> cmd = List.of(DIST.resolve("bin/xfer4j").toString(), "study", file.toString(), "--out",
                out.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.txt").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("XFER4J_OPTS", "-Dxfer4j.cache=" + System.getProperty("xfer4j.cache"));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (p.isAlive() && lines(jsonl) < 20 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, a write may be cut short
        p.waitFor();
        int before = lines(jsonl);
        assertThat(before).as("killed mid-way").isBetween(1, total - 1);

        Result r = launch("study", file.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> records = Files.readAllLines(jsonl);
        assertThat(records).hasSize(total).doesNotHaveDuplicates();
        // every planned run exactly once: (method, shots, repeat) keys
        assertThat(records.stream().map(l -> l.replaceAll(".*\"method\": \"([^\"]+)\".*\"shots\": (-?\\d+), "
                + "\"repeat\": (\\d+).*", "$1/$2/$3")).distinct()).hasSize(total);
        assertThat(Files.readAllLines(out.resolve("runs.csv"))).hasSize(1 + total);
        assertThat(r.out()).contains("already recorded");
        assertThat(out.resolve("index.html")).content().contains("Ranking and significance");
    }

    private static int lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(file);
        int n = 0;
        for (byte x : b) {
            n += x == '\n' ? 1 : 0;
        }
        return n;
    }

    @Test
    void quickstartPrintsItsTableAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        Result r = launch("quickstart", "--tasks", "text", "--methods", "lr,prototype", "--shots", "5,all",
                "--repeats", "2", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("method").contains("accuracy").contains("prototype").contains("all");
        assertThat(out.resolve("index.html")).content().contains("<img").contains("s0-accuracy-vs-shots.png");
        assertThat(out.resolve("s0-accuracy-vs-shots.png")).isNotEmptyFile();
        // a header and one row per method and draw: (lr, prototype) x (2 draws of 5, 1 of all)
        assertThat(Files.readAllLines(out.resolve("runs.csv"))).hasSize(1 + 2 * 3);
    }

    @Test
    void fineTunesAnImportedCnnOnAnImageFolderAndPredictsWithTheArtifact(@TempDir Path dir) throws Exception {
        Path train = Fixtures.imageFolder(dir.resolve("train"), FashionMnist.train(CACHE), 12);
        Path test = Fixtures.imageFolder(dir.resolve("test"), FashionMnist.test(CACHE), 12);
        Path artifact = dir.resolve("finetuned.xfer");
        Result r = launch("repurpose", "--method", "finetune", "-o", "transferLayer=flatten_1", "-o", "epochs=6",
                "--model", "mobilenet-v2", "--train", train.toString(),
                "--test", test.toString(), "--out", artifact.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // Measured 0.97 with default learning rates on 36 held-out images of three easy classes; chance is 0.33.
        assertThat(Fixtures.accuracy(r.out())).isGreaterThan(0.8);
        Result p = launch("predict", "--artifact", artifact.toString(), "--data", test.toString());
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(Fixtures.accuracy(p.out())).isEqualTo(Fixtures.accuracy(r.out()));
    }

    private static final Path CACHE = Path.of(System.getProperty("xfer4j.cache"));
}
