package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.core.artifact.InitialisationArtifact;

/**
 * meta-train, an interrupted run resumed, and meta-test, on 5-way 1-shot episodes of the 20-class MNIST + Fashion-MNIST
 * set with a small CNN (2 blocks of 16 filters): a few meta-steps, as the README runs them with more.
 */
@Tag("network")
@Tag("debian")
class MetaLearningCommandsTest {

    private static final String CACHE = System.getProperty("xfer4j.cache");

    static int run(String... args) { // also GlyphEpisodesCommandsTest
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--cache";
        all[args.length + 1] = CACHE;
        return Main.run(all);
    }

    @Test
    void metaTrainResumesAndTheLearnedInitialisationAdaptsFasterThanRandomOnHeldOutClasses(@TempDir Path dir)
            throws Exception {
        Path init = dir.resolve("reptile.xfer");
        List<String> train = List.of("meta-train", "--method", "reptile", "--net", "cnn:1x28:2x16:5", "--tasks",
                "episodes:mnist+fashion", "--ways", "5", "--shots", "1", "--queries", "5", "-o", "innerSteps=5",
                "-o", "innerLr=0.1", "-o", "outerLr=0.5", "-o", "metaBatch=4", "--validate-every", "10",
                "--validation-tasks", "20", "--out", init.toString());
        List<String> first = new java.util.ArrayList<>(train);
        first.addAll(List.of("-o", "metaSteps=20"));
        assertThat(run(first.toArray(String[]::new))).isZero();
        assertThat(InitialisationArtifact.read(init).checkpoint().step()).isEqualTo(20);
        // stopped at 20 of 30 steps: --resume goes on from the checkpoint in the artifact, keeping the log
        List<String> resumed = new java.util.ArrayList<>(train);
        resumed.addAll(List.of("-o", "metaSteps=30", "--resume"));
        assertThat(run(resumed.toArray(String[]::new))).isZero();
        assertThat(InitialisationArtifact.read(init).checkpoint().step()).isEqualTo(30);

        Path report = dir.resolve("reptile-report");
        List<String> steps = Files.readAllLines(report.resolve("meta-steps.csv"));
        assertThat(steps).hasSize(31).first().isEqualTo("step,query_loss,query_accuracy");
        assertThat(steps.get(30)).startsWith("30,");
        // 4 tasks per meta-step, each with its support and query loss before and after adaptation
        List<String> tasks = Files.readAllLines(report.resolve("meta-tasks.csv"));
        assertThat(tasks).hasSize(1 + 30 * 4);
        String[] task = tasks.get(1).split(",");
        assertThat(Double.parseDouble(task[3])).as("support loss after < before").isLessThan(Double.parseDouble(task[2]));
        assertThat(Files.readAllLines(report.resolve("meta-tasks.jsonl"))).hasSize(30 * 4);
        assertThat(report.resolve("index.html")).exists();
        assertThat(report.resolve("meta-training-loss.png")).exists();
        assertThat(report.resolve("task-losses.png")).exists();
        assertThat(dir.resolve("reptile.onnx")).exists();
        // meta-validation at every checkpoint (checkpointEvery defaults to --validate-every), across the resume
        List<String> validation = Files.readAllLines(report.resolve("meta-validation.csv"));
        assertThat(validation).hasSize(4).first().isEqualTo("step,tasks,accuracy,accuracy_ci95,loss,loss_ci95");
        assertThat(validation.subList(1, 4)).extracting(l -> l.split(",")[0]).containsExactly("10", "20", "30");
        assertThat(report.resolve("meta-validation.png")).exists();
        int bestStep = InitialisationArtifact.read(dir.resolve("reptile-best.xfer")).checkpoint().step();
        double bestAccuracy = validation.subList(1, 4).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[2]))
                .max().orElseThrow();
        assertThat(Double.parseDouble(validation.get(bestStep / 10).split(",")[2])).isEqualTo(bestAccuracy);
        assertThat(dir.resolve("reptile-best.onnx")).exists();
        assertThat(run("meta-train", "--method", "reptile", "--net", "cnn:1x28:2x16:5", "--tasks",
                "episodes:mnist+fashion", "--patience", "2")).isNotZero();

        Path test = dir.resolve("test");
        assertThat(run("meta-test", "--init", init.toString(), "--episodes", "40", "--pretrain-steps", "30",
                "--out", test.toString())).isZero();
        List<String> rows = Files.readAllLines(test.resolve("meta-test.csv"));
        // 3 initialisations x 0..5 adaptation steps (the method's innerSteps)
        assertThat(rows).hasSize(1 + 3 * 6);
        assertThat(rows.get(1)).startsWith("meta-learned (reptile),0,40,");
        assertThat(rows.get(7)).startsWith("random init,0,40,");
        assertThat(rows.get(13)).startsWith("joint pre-training,0,40,");
        // Measured here (30 meta-steps, 40 episodes): one SGD step from the meta-learned initialisation reaches 0.50 ±
        // 0.04 query accuracy, from the random one 0.30 ± 0.03 (chance 0.20); over 100 episodes after 40 meta-steps
        // 0.50 ± 0.02 against 0.28 ± 0.02. A margin of 0.1 is about three interval half-widths below the gap.
        double learned = Double.parseDouble(rows.get(2).split(",")[3]);
        double random = Double.parseDouble(rows.get(8).split(",")[3]);
        assertThat(learned).isGreaterThan(random + 0.1);
        assertThat(test.resolve("index.html")).exists();
        assertThat(test.resolve("meta-test-accuracy.png")).exists();
    }

    @Test
    void sineWavesGiveAnErrorCurveAndTheBeforeAfterPictures(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("sine.xfer");
        assertThat(run("meta-train", "--method", "fomaml", "--net", "mlp:1-64-64-1:tanh", "--tasks", "sine",
                "--shots", "10", "--queries", "10", "-o", "metaSteps=10", "-o", "innerSteps=3", "--out",
                init.toString())).isZero();
        Path test = dir.resolve("test");
        assertThat(run("meta-test", "--init", init.toString(), "--episodes", "10", "--pretrain-steps", "10",
                "--out", test.toString())).isZero();
        List<String> rows = Files.readAllLines(test.resolve("meta-test.csv"));
        assertThat(rows).hasSize(1 + 3 * 4);
        // regression: no accuracy, a finite mean squared error
        String[] first = rows.get(1).split(",");
        assertThat(first[3]).isEqualTo("NaN");
        assertThat(Double.parseDouble(first[5])).isPositive().isFinite();
        for (int w = 1; w <= 3; w++) {
            assertThat(test.resolve("sine-wave-" + w + ".png")).exists();
        }
        // a baseline that diverges (joint pre-training at an absurd rate) is left out by name; the others are kept
        Path kept = dir.resolve("kept");
        assertThat(run("meta-test", "--init", init.toString(), "--episodes", "10", "--pretrain-steps", "10",
                "--pretrain-lr", "1e30", "--out", kept.toString())).isZero();
        assertThat(Files.readAllLines(kept.resolve("meta-test.csv"))).hasSize(1 + 2 * 4)
                .noneMatch(r -> r.contains("joint pre-training"));
        assertThat(test.resolve("meta-test-mse.png")).exists();
        // testing on other shots than meta-training used is stated with the results
        assertThat(MetaTestCommand.trainedOn("10", 5)).contains("meta-trained on 10-shot tasks")
                .contains("tested on 5-shot tasks");
        assertThat(MetaTestCommand.trainedOn("10", 10)).isEmpty();
        assertThat(run("meta-train", "--method", "fomaml", "--net", "mlp:1-8-1", "--tasks", "cosine")).isEqualTo(1);
        assertThat(run("meta-train", "--method", "fomaml", "--net", "mlp:1-8-2", "--tasks", "sine")).isEqualTo(1);
    }
}
