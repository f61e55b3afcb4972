package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Sample;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.core.FitSettings;
import org.xfer4j.core.Xfer;
import org.xfer4j.core.tuning.TuningSettings;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.testkit.Prerequisites;

/**
 * Every method's model exported as one ONNX graph and run by a plain ONNX Runtime session (no Xfer4j class between
 * the input tensors and the outputs) gives predict's probabilities within 1e-5, and its label output names the most
 * probable class: MobileNetV2 features of three Fashion-MNIST classes (so the SVM's pairwise coupling runs as a Loop),
 * and bge-small-en-v1.5 features of spam subjects (two classes, the tokenizer contract). The lr and text graphs also
 * reopen as models through the ordinary .onnx source, their metadata declaring the preprocessing, and give the same
 * probabilities as a layer's features.
 */
@Tag("network")
@Tag("python")
class ExportOnnxTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path dir;
    private static Xfer xfer;
    private static SourceModel mobilenet;
    private static Dataset train;
    private static Dataset test;

    @BeforeAll
    static void data() {
        xfer = Xfer.builder().build();
        mobilenet = xfer.openModel("mobilenet-v2");
        Dataset fashion = DataSpecs.resolve("fashion-mnist:test", xfer.context().cacheDir());
        train = new FirstOfClasses(fashion, 3, 0, 12);
        test = new FirstOfClasses(fashion, 3, 12, 10);
    }

    /** Every graph written, checked together by one ONNX checker run after the tests. */
    private static final List<Path> EXPORTED = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    static void checkAndClose() throws IOException, InterruptedException {
        mobilenet.close();
        xfer.close();
        check(EXPORTED);
    }

    @Test
    void lrGraphAlsoReopensAsAModel() throws Exception {
        try (RepurposedModel model = xfer.repurpose("lr", mobilenet, List.of(mobilenet.defaultFeatureLayer()), train,
                Map.of())) {
            Path onnx = dir.resolve("lr.onnx");
            model.exportOnnx(onnx);
            assertMatches(model, onnx, mobilenet, test, test.size());
            assertReopensAsModel(model, onnx, mobilenet, test);
            EXPORTED.add(onnx);
        }
    }

    @Test
    void linearSvm() throws Exception {
        exportedGraphGivesPredictsProbabilities("svm", Map.of("kernel", "linear"));
    }

    @Test
    void rbfSvmWithPairwiseCoupling() throws Exception {
        exportedGraphGivesPredictsProbabilities("svm", Map.of("kernel", "rbf"));
    }

    @Test
    void exactGp() throws Exception {
        exportedGraphGivesPredictsProbabilities("gp", Map.of());
    }

    @Test
    void sparseGp() throws Exception {
        exportedGraphGivesPredictsProbabilities("gp", Map.of("exactLimit", "10", "inducingPoints", "16"));
    }

    @Test
    void bnn() throws Exception {
        exportedGraphGivesPredictsProbabilities("bnn", Map.of("steps", "200"));
    }

    @Test
    void prototypePluginThroughTheOptionalHook() throws Exception {
        exportedGraphGivesPredictsProbabilities("prototype", Map.of());
    }

    private static void exportedGraphGivesPredictsProbabilities(String method, Map<String, String> options)
            throws Exception {
        try (RepurposedModel model = xfer.repurpose(method, mobilenet, List.of(mobilenet.defaultFeatureLayer()), train,
                options)) {
            Path onnx = dir.resolve(method + "-" + options.hashCode() + ".onnx");
            model.exportOnnx(onnx);
            assertMatches(model, onnx, mobilenet, test, test.size());
            EXPORTED.add(onnx);
        }
    }

    @Test
    void temperatureScaledModelExportsWithItsTemperature() throws Exception {
        try (RepurposedModel model = xfer.repurpose("lr", mobilenet, List.of(mobilenet.defaultFeatureLayer()), train,
                Map.of(), new FitSettings(new TuningSettings(TuningSettings.DEFAULTS.strategy(),
                        TuningSettings.DEFAULTS.evaluations(), 3, TuningSettings.DEFAULTS.objective()), true))) {
            Path onnx = dir.resolve("lr-calibrated.onnx");
            model.exportOnnx(onnx);
            assertMatches(model, onnx, mobilenet, test, test.size());
        }
    }

    @Test
    void exportCommandWritesTheGraphOfASavedArtifactAndKeepsAnExistingFile() throws Exception {
        Path artifact = dir.resolve("prototype.xfer");
        try (RepurposedModel model = xfer.repurpose("prototype", mobilenet, List.of(mobilenet.defaultFeatureLayer()),
                train, Map.of())) {
            xfer.save(model, artifact);
        }
        Path onnx = dir.resolve("from-cli.onnx");
        String cache = System.getProperty("xfer4j.cache", xfer.context().cacheDir().toString());
        assertThat(Main.run("export", "--artifact", artifact.toString(), "--out", onnx.toString(), "--cache", cache))
                .isZero();
        try (RepurposedModel loaded = xfer.load(artifact)) {
            assertMatches(loaded, onnx, mobilenet, test, test.size());
        }
        byte[] written = Files.readAllBytes(onnx);
        // a second export to the same file is refused without --force, and leaves the file as it was
        assertThat(Main.run("export", "--artifact", artifact.toString(), "--out", onnx.toString(), "--cache", cache))
                .isEqualTo(1);
        assertThat(Files.readAllBytes(onnx)).isEqualTo(written);
    }

    @Test
    void textModelExportsWithItsTokenizerBesideIt() throws Exception {
        try (SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
            Dataset spam = DataSpecs.resolve("spam-subjects:test", xfer.context().cacheDir());
            Dataset few = new FirstOfClasses(spam, 2, 0, 20);
            Dataset held = new FirstOfClasses(spam, 2, 20, 50);
            try (RepurposedModel model = xfer.repurpose("svm", bge, List.of(bge.defaultFeatureLayer()), few,
                    Map.of("kernel", "rbf"))) {
                Path onnx = dir.resolve("spam.onnx");
                model.exportOnnx(onnx);
                assertThat(Files.readAllBytes(dir.resolve("spam.tokenizer.json")))
                        .isEqualTo(Files.readAllBytes(bge.onnxFile().resolveSibling("tokenizer.json")));
                // the int8 pack quantises activations per batch, so predict runs it one example at a time
                // (batch-invariant features); the exported graph matches when it is fed the same way
                assertMatches(model, onnx, bge, held, 1);
                assertReopensAsModel(model, onnx, bge, held);
                EXPORTED.add(onnx);
            }
        }
    }

    /**
     * {@code onnx} opened as a model the ordinary way (nothing declared by the caller: its metadata declares the
     * preprocessing, and the tokenizer beside it) prepares samples as {@code source} does, and its
     * {@code probabilities} output, extracted as a layer, is {@code model.predict}'s within 1e-5.
     */
    private static void assertReopensAsModel(RepurposedModel model, Path onnx, SourceModel source, Dataset data) {
        double[][] expected = model.predict(data, Progress.NONE).probabilities();
        try (SourceModel reopened = xfer.openModel(onnx.toString())) {
            assertThat(reopened.preprocessor().describe()).isEqualTo(source.preprocessor().describe());
            FeatureMatrix p = xfer.extract(reopened, data, List.of("probabilities"));
            assertThat(p.rows()).isEqualTo(expected.length);
            for (int i = 0; i < expected.length; i++) {
                for (int c = 0; c < expected[i].length; c++) {
                    assertThat((double) p.get(i, c)).as("%s reopened, row %d class %d", onnx.getFileName(), i, c)
                            .isCloseTo(expected[i][c], org.assertj.core.data.Offset.offset(TOLERANCE));
                }
            }
        }
    }

    /** Runs {@code onnx} batch by batch in a plain session and compares with {@code model.predict}. */
    private static void assertMatches(RepurposedModel model, Path onnx, SourceModel source, Dataset data, int batch)
            throws OrtException {
        double[][] expected = model.predict(data, Progress.NONE).probabilities();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            assertThat(session.getOutputNames()).containsExactly("probabilities", "label");
            assertThat(session.getMetadata().getCustomMetadata()).containsEntry("xfer4j.classes",
                    String.join("\n", model.classes())).containsEntry("xfer4j.method", model.providerId());
            for (int from = 0; from < data.size(); from += batch) {
                int to = Math.min(data.size(), from + batch);
                List<Sample> samples = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    samples.add(data.sample(i));
                }
                Map<String, OnnxTensor> feeds = new HashMap<>();
                for (Map.Entry<String, Tensor> e : source.preprocessor().prepare(samples).entrySet()) {
                    Tensor t = e.getValue();
                    feeds.put(e.getKey(), t.dtype() == org.xfer4j.api.data.DType.FLOAT32
                            ? OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), t.shape())
                            : OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape()));
                }
                try (OrtSession.Result r = session.run(feeds)) {
                    float[][] p = (float[][]) r.get("probabilities").orElseThrow().getValue();
                    String[] labels = (String[]) r.get("label").orElseThrow().getValue();
                    for (int i = 0; i < p.length; i++) {
                        double[] want = expected[from + i];
                        for (int c = 0; c < want.length; c++) {
                            assertThat((double) p[i][c]).as("%s row %d class %d", model.providerId(), from + i, c)
                                    .isCloseTo(want[c], org.assertj.core.data.Offset.offset(TOLERANCE));
                        }
                        assertThat(labels[i]).isEqualTo(model.classes().get(argmax(want)));
                    }
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    /**
     * The ONNX checker (Debian python3-onnx) with full shape inference on every graph; where python3-onnx is
     * absent the test is skipped, or fails on CI (Prerequisites).
     */
    private static void check(List<Path> graphs) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        boolean present = Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import onnx")
                .start().waitFor() == 0;
        Prerequisites.require(present, "onnx.checker on the exported graphs needs Debian's python3-onnx"
                + " (apt-get install python3-onnx)");
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", "import onnx, sys\n"
                + "for f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\n"
                + "print('onnx.checker passed', len(sys.argv) - 1, 'graphs')"));
        graphs.forEach(g -> command.add(g.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("onnx.checker on %s: %s", graphs, out).isZero();
        assertThat(out).contains("onnx.checker passed " + graphs.size() + " graphs");
        System.out.print(out);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Examples {@code skip} to {@code skip + count - 1} of each of the first {@code classes} classes. */
    private static final class FirstOfClasses implements Dataset {
        private final Dataset data;
        private final int[] rows;
        private final int classes;

        FirstOfClasses(Dataset data, int classes, int skip, int count) {
            this.data = data;
            this.classes = classes;
            List<Integer> picked = new ArrayList<>();
            int[] seen = new int[classes];
            for (int i = 0; i < data.size(); i++) {
                int y = data.label(i);
                if (y < classes && seen[y]++ >= skip && seen[y] <= skip + count) {
                    picked.add(i);
                }
            }
            this.rows = picked.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String name() {
            return data.name() + " (" + classes + " classes)";
        }

        @Override
        public int size() {
            return rows.length;
        }

        @Override
        public List<String> classes() {
            return data.classes().subList(0, classes);
        }

        @Override
        public int label(int i) {
            return data.label(rows[i]);
        }

        @Override
        public Sample sample(int i) {
            return data.sample(rows[i]);
        }
    }
}
