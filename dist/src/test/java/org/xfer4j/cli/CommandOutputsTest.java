package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.cli.CliHelpTest.Run;

/**
 * What repurpose, extract and predict leave on disk and print, with a real model (bge-small-en-v1.5) and lr on a few
 * support-ticket lines: an artifact only when asked and never over another silently; CSV rows that say which
 * example they are and its true label; timings; and a summary where there is nothing to score.
 */
@Tag("network")
class CommandOutputsTest {

    @TempDir
    static Path dir;
    private static Path train;
    private static Path test;

    @BeforeAll
    static void data() throws IOException {
        train = Files.writeString(dir.resolve("train.csv"), """
                text,label
                My invoice shows the wrong amount,billing
                I was charged twice this month,billing
                Please refund the duplicate payment,billing
                The app crashes when I open settings,bug
                Login button does nothing on Android,bug
                Error 500 when saving my profile,bug
                """);
        test = Files.writeString(dir.resolve("test.csv"), """
                text,label
                Why was my card billed two times?,billing
                "The page freezes, then shows an error",bug
                """);
    }

    private static Run cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--cache";
        all[args.length + 1] = System.getProperty("xfer4j.cache");
        return CliHelpTest.cli(all);
    }

    @Test
    void repurposeSavesOnlyWhenAskedAndReplacesAFileOnlyWithForce() throws IOException {
        Path inWorkingFolder = Path.of("lr.xfer").toAbsolutePath();
        boolean wasThere = Files.exists(inWorkingFolder);
        Run r = cli("repurpose", "--method", "lr", "--model", "bge-small-en-v1.5", "--train", train.toString(),
                "--test", test.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // C left at its default, auto: chosen by cross-validation, shown with the value used
        assertThat(r.out()).containsPattern("trained lr with \\{C=[0-9.]+, .*\\} on 6 examples of .*train.csv in \\d+\\.\\d s")
                .containsPattern("chosen by lr on the training data \\(default auto: cross-validated log-loss\\): "
                        + "\\{C=[0-9.]+\\}")
                .containsPattern("test .*test.csv \\(2 examples, predicted in \\d+\\.\\d s\\): accuracy")
                .doesNotContain("saved");
        assertThat(Files.exists(inWorkingFolder)).as("no lr.xfer dropped into the working folder").isEqualTo(wasThere);

        Path artifact = dir.resolve("tickets.xfer");
        assertThat(cli("repurpose", "--method", "lr", "--model", "bge-small-en-v1.5", "--train", train.toString(),
                "--out", artifact.toString()).out()).contains("saved " + artifact);
        byte[] saved = Files.readAllBytes(artifact);
        Run again = cli("repurpose", "--method", "lr", "-o", "C=0.1", "--model", "bge-small-en-v1.5", "--train",
                train.toString(), "--out", artifact.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("error: --out " + artifact + " exists; pass --force to replace it");
        assertThat(again.out()).doesNotContain("trained");
        assertThat(Files.readAllBytes(artifact)).isEqualTo(saved);
        Run forced = cli("repurpose", "--method", "lr", "-o", "C=0.1", "--model", "bge-small-en-v1.5", "--train",
                train.toString(), "--out", artifact.toString(), "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readAllBytes(artifact)).isNotEqualTo(saved);
    }

    @Test
    void extractAndPredictRowsNameTheirExampleAndTrueLabel() throws IOException {
        Path features = dir.resolve("features.csv");
        assertThat(cli("extract", "--model", "bge-small-en-v1.5", "--data", test.toString(), "--out",
                features.toString()).exit()).isZero();
        List<String> rows = Files.readAllLines(features);
        assertThat(rows.getFirst()).startsWith("id,example,label,");
        assertThat(rows.get(1)).startsWith("1,Why was my card billed two times?,billing,");
        assertThat(rows.get(2)).startsWith("2,\"The page freezes, then shows an error\",bug,");

        Path artifact = dir.resolve("for-predict.xfer");
        assertThat(cli("repurpose", "--method", "lr", "--model", "bge-small-en-v1.5", "--train", train.toString(),
                "--out", artifact.toString()).exit()).isZero();
        Path predictions = dir.resolve("p.csv");
        Run p = cli("predict", "--artifact", artifact.toString(), "--data", test.toString(), "--out",
                predictions.toString());
        assertThat(p.out()).contains("2 examples: accuracy");
        rows = Files.readAllLines(predictions);
        assertThat(rows.getFirst()).isEqualTo("id,example,label,predicted,billing,bug");
        assertThat(rows.get(1)).startsWith("1,Why was my card billed two times?,billing,");

        // unlabelled data, no --out: no label column, and a count per predicted class instead of silence
        Path unlabelled = Files.writeString(dir.resolve("new.csv"), "text\nRefund my last payment please\n");
        Run u = cli("predict", "--artifact", artifact.toString(), "--data", unlabelled.toString());
        assertThat(u.exit()).as(u.err()).isZero();
        assertThat(u.out()).containsPattern("1 examples predicted \\(no labels to score; --out for each\\): "
                + "billing [01] bug [01]");
        Run toStdout = cli("predict", "--artifact", artifact.toString(), "--data", unlabelled.toString(), "--out", "-");
        assertThat(toStdout.out()).startsWith("id,example,predicted,billing,bug\r\n1,Refund my last payment please,");
    }
}
