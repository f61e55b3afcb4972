package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Progress;
import org.xfer4j.api.data.Sample;
import org.xfer4j.data.glyph.GlyphDataset;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.core.artifact.InitialisationArtifact;
import org.xfer4j.testkit.Prerequisites;

/**
 * The glyph set end to end on a few alphabets: drawn by the data command (with its sample sheet), meta-trained on the
 * background alphabets and meta-tested on the evaluation ones, which meta-training never saw.
 */
@Tag("debian")
class GlyphEpisodesCommandsTest {

    /** Four background alphabets (150 letters) and three evaluation ones (75), 8 samples per letter. */
    private static final String GLYPHS = "glyphs:scripts=latin+armenian+hebrew+runic+ogham+coptic+samaritan,samples=8";

    private static int run(String... args) {
        return MetaLearningCommandsTest.run(args);
    }

    @Test
    void metaTrainedOnBackgroundAlphabetsItLearnsNewAlphabetsFasterThanRandomInit(@TempDir Path dir)
            throws Exception {
        Prerequisites.require(Files.isDirectory(Path.of("/usr/share/fonts/truetype/noto")), "Debian font packages: "
                + "apt-get install fonts-noto-core fonts-freefont-ttf fonts-dejavu-core fonts-dejavu-extra");
        Path sheet = dir.resolve("sheet.png");
        assertThat(run("data", GLYPHS, "--sheet", sheet.toString(), "--per-class", "8")).isZero();
        assertThat(javax.imageio.ImageIO.read(sheet.toFile()).getHeight()).isEqualTo(7 * (28 * 2 + 2) + 2);
        assertThat(run("data", "glyphs:colour=red")).isNotZero();
        Path init = dir.resolve("glyphs.xfer");
        assertThat(run("meta-train", "--method", "reptile", "--net", "cnn:1x28:2x16:5", "--tasks", "episodes:"
                + GLYPHS, "--ways", "5", "--shots", "1", "--queries", "5", "-o", "innerSteps=5", "-o",
                "innerLr=0.1", "-o", "outerLr=0.5", "-o", "metaBatch=4", "-o", "metaSteps=20", "--out",
                init.toString())).isZero();
        assertThat(InitialisationArtifact.read(init).run()).containsEntry("split", "alphabets");
        // 80 ways fit the 160 background letters but not the 72 of the evaluation alphabets: the error says which
        HostOptionsTest.Run wide = HostOptionsTest.cli("meta-train", "--method", "reptile", "--net",
                "cnn:1x28:2x16:80", "--tasks", "episodes:" + GLYPHS, "--ways", "80", "--queries", "5", "-o", "metaSteps=1", "--out",
                dir.resolve("wide.xfer").toString(), "--cache", cache().toString());
        assertThat(wide.exit()).isNotZero();
        assertThat(wide.err()).contains("meta-test classes of " + GLYPHS + " are 72 of the alphabets [coptic, "
                + "ogham, samaritan]; 80-way episodes need at least 80 classes");
        Path test = dir.resolve("test");
        assertThat(run("meta-test", "--init", init.toString(), "--episodes", "30", "--pretrain-steps", "0",
                "--out", test.toString())).isZero();
        List<String> rows = Files.readAllLines(test.resolve("meta-test.csv"));
        assertThat(rows).hasSize(1 + 2 * 6);
        // Measured here (20 meta-steps, 30 episodes of the 3 unseen alphabets): one SGD step from the meta-learned
        // initialisation reaches 0.53 ± 0.05 query accuracy, from the random one 0.33 ± 0.05 (chance 0.20); by 5
        // steps both are near 0.77. A margin of 0.1 after one step is half the measured gap, two half-widths.
        double learned = Double.parseDouble(rows.get(2).split(",")[3]);
        double random = Double.parseDouble(rows.get(8).split(",")[3]);
        assertThat(learned).isGreaterThan(random + 0.1);
        reportPicturesTheTestTasks(test);
    }

    /**
     * The meta-test report shows the meta-test classes (a row per evaluation alphabet, each tile a dataset image) and
     * two episodes whose green frames count the queries the caption says were right.
     */
    private static void reportPicturesTheTestTasks(Path test) throws Exception {
        String html = Files.readString(test.resolve("index.html"));
        assertThat(html).contains("<img src=\"meta-test-classes.png\"", "<img src=\"test-episode-1.png\"",
                "<img src=\"test-episode-2.png\"");
        GlyphDataset data = (GlyphDataset) DataSpecs.resolve(GLYPHS, cache(), Progress.NONE);
        Matcher rowsNamed = Pattern.compile("rows from the top: ([^<]*)\\.</p>").matcher(html);
        assertThat(rowsNamed.find()).isTrue();
        List<Integer> classes = Arrays.stream(rowsNamed.group(1).split(", ")).map(data.classes()::indexOf).toList();
        // one character of each of the three evaluation alphabets, 8 images each (all the set has), zoomed twice
        assertThat(classes.stream().map(data::group).toList()).containsExactlyInAnyOrderElementsOf(
                data.evaluationGroups().stream().filter(g -> GLYPHS.contains(g)).toList());
        BufferedImage sheet = ImageIO.read(test.resolve("meta-test-classes.png").toFile());
        assertThat(sheet.getHeight()).isEqualTo(3 * (28 * 2 + 2) + 2);
        assertThat(sheet.getWidth()).isEqualTo(8 * (28 * 2 + 2) + 2);
        for (int row = 0; row < 3; row++) { // the first tile of each row is the first image of that row's class
            int cls = classes.get(row);
            int first = IntStream.range(0, data.size()).filter(i -> data.label(i) == cls).findFirst().orElseThrow();
            Sample.Image image = (Sample.Image) data.sample(first);
            for (int y = 0; y < 56; y++) {
                for (int x = 0; x < 56; x++) {
                    assertThat(sheet.getRaster().getSample(2 + x, 2 + row * 58 + y, 0)).as("row %d pixel %d,%d", row,
                            x, y)
                            .isEqualTo(image.pixels()[(y / 2) * 28 + x / 2] & 0xff);
                }
            }
        }
        Matcher right = Pattern.compile("(\\d+) of the episode's (\\d+) queries right").matcher(html);
        assertThat(right.find()).isTrue();
        assertThat(right.group(2)).isEqualTo("25"); // 5 ways, 5 queries each, all shown
        BufferedImage episode = ImageIO.read(test.resolve("test-episode-1.png").toFile());
        int frame = 60 * 60 - 56 * 56; // a 2-pixel frame around a 56-pixel tile
        assertThat(count(episode, 0x2ca02c)).isEqualTo(Integer.parseInt(right.group(1)) * frame);
        assertThat(count(episode, 0xd62728)).isEqualTo((25 - Integer.parseInt(right.group(1))) * frame);
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static Path cache() { // where run() points the commands
        return Path.of(System.getProperty("xfer4j.cache"));
    }
}
