package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `repurpose --test` and `predict` (with --out targets) score test files by label name with a real model (bge-small-en-v1.5 and lr):
 * a test file holding one of three trained classes, and one holding a label the model never saw.
 */
@Tag("network")
class EvaluationByNameTest {

    private static final Pattern ACCURACY = Pattern.compile("accuracy (\\d\\.\\d{4})");

    @TempDir
    static Path dir;
    private static Path artifact;
    private static String trainOut;

    @BeforeAll
    static void trainOnThreeClasses() throws IOException {
        Path train = csv("train.csv",
                "Minutes of Tuesday's design review,ham", "Can you check the failing build on main?,ham",
                "Lunch on Friday with the new team members,ham", "Draft of the quarterly report attached,ham",
                "Your bank account is locked: verify your password here,phish",
                "Urgent: confirm your PayPal login details now,phish",
                "Security alert: re-enter your card number to keep access,phish",
                "Your mailbox is full; log in at this link to keep your email,phish",
                "Win a free cruise; click now!!!,spam", "Cheap meds with no prescription needed,spam",
                "Lowest mortgage rates; act today,spam", "Hot singles in your area want to meet you,spam");
        Path spamOnly = csv("spam-only.csv", "Cheap watches and free gifts; buy now,spam",
                "Act now: lowest prices on pills,spam", "Win cash prizes every day!!!,spam");
        artifact = dir.resolve("lr.xfer");
        trainOut = cli("repurpose", "--method", "lr", "--model", "bge-small-en-v1.5", "--train", train.toString(),
                "--test", spamOnly.toString(), "--out", artifact.toString());
    }

    @Test
    void aTestFileHoldingOneOfTheTrainedClassesIsScoredByName() throws IOException {
        Path spamOnly = dir.resolve("spam-only.csv");
        Path predictions = dir.resolve("p.csv");
        String out = cli("predict", "--artifact", artifact.toString(), "--data", spamOnly.toString(),
                "--out", predictions.toString());
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows.getFirst()).isEqualTo("id,example,label,predicted,ham,phish,spam");
        // every line of spam-only.csv is labelled spam; the predicted label follows the true one
        long spam = rows.stream().skip(1).filter(r -> r.contains(",spam,spam,")).count();
        // Before labels were matched by name, spam (label 0 of this file) was scored as ham (class 0 of the model).
        assertThat(spam).as("lr on bge features calls these obvious spam lines spam").isGreaterThanOrEqualTo(2);
        assertThat(accuracy(out)).isEqualTo(spam / 3.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(accuracy(trainOut)).isEqualTo(accuracy(out));
        assertThat(out).doesNotContain("never trained on");
    }

    @Test
    void labelsTheModelNeverSawAreNamedCountedAndWrong() throws IOException {
        Path withJunk = csv("with-junk.csv", "Cheap watches and free gifts; buy now,spam",
                "Act now: lowest prices on pills,spam", "Win cash prizes every day!!!,spam",
                "Team offsite agenda,junk", "Printer on floor 2 is out of toner,good");
        String out = cli("predict", "--artifact", artifact.toString(), "--data", withJunk.toString());
        assertThat(out).contains("note: 2 of 5 examples of " + withJunk + " have labels the model was never trained "
                + "on: good (1), junk (1); every metric above counts them as wrong");
        // the same three spam lines as above, now out of five examples
        String spamOnly = cli("predict", "--artifact", artifact.toString(), "--data",
                dir.resolve("spam-only.csv").toString());
        assertThat(accuracy(out)).isEqualTo(accuracy(spamOnly) * 3 / 5, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void predictionsGoToStandardOutputAndAFolderIsAClearError() throws IOException {
        String out = cli("predict", "--artifact", artifact.toString(), "--data", dir.resolve("spam-only.csv").toString(),
                "--out", "-");
        assertThat(out).startsWith("id,example,label,predicted,ham,phish,spam\r\n").doesNotContain("wrote");
        Path folder = Files.createDirectories(dir.resolve("predictions"));
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            exit = Main.run("predict", "--artifact", artifact.toString(), "--data",
                    dir.resolve("spam-only.csv").toString(), "--out", folder.toString(), "--cache",
                    System.getProperty("xfer4j.cache"));
        } finally {
            System.setErr(saved);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("error: cannot write " + folder + ": it is a folder; name a file in it")
                .doesNotContain("Exception");
    }

    private static Path csv(String name, String... rows) throws IOException {
        return Files.writeString(dir.resolve(name), "text,label\n" + String.join("\n", rows) + "\n");
    }

    private static double accuracy(String out) {
        Matcher m = ACCURACY.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Runs the command line in this JVM against the shared model cache; returns standard output. */
    private static String cli(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--cache";
        all[args.length + 1] = System.getProperty("xfer4j.cache");
        int exit;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = Main.run(all);
        } finally {
            System.setOut(saved);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        return out;
    }
}
