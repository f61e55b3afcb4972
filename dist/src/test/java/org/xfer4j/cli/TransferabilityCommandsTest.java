package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.cli.CliHelpTest.Run;
import org.xfer4j.data.image.FashionMnist;

/**
 * The rank command and predict's source-model mode on real models: a text encoder without a head (the head
 * estimators say what is missing, LogME still ranks), MobileNetV2's own five nsfwjs classes for a user's image
 * folder, and the errors that name what is wrong.
 */
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
        assertThat(bad.err()).contains("no estimator could score any candidate").contains("only class 'x'");
        assertThat(cli("rank", "--data", data.toString(), "--layers", "auto,/x").err()).contains("not both");
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
