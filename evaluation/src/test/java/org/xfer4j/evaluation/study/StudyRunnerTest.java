package org.xfer4j.evaluation.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xfer4j.api.Progress;
import org.xfer4j.core.Xfer;

/**
 * A real study: bge-small-en-v1.5 features of SpamAssassin subject lines, two feature methods and a graph method
 * that cannot train this model (three inputs), through the same code path the CLI uses.
 */
@Tag("network")
class StudyRunnerTest {

    private static final String STUDY = """
            study: spam
            seed: 42
            repeats: 3
            shots: [10, 50]
            datasets:
              - name: spam
                train: spam-subjects:train
                test: spam-subjects:test
            models:
              - model: bge-small-en-v1.5
            methods:
              - lr
              - prototype
              - finetune
              - method: lr
                label: lr-tuned
                options: {C: auto}
                hpo: {evaluations: 6, folds: 3}
                calibrate: temperature
            """;

    private static Xfer xfer;

    @BeforeAll
    static void open() {
        xfer = Xfer.builder().optCacheDir(Path.of(System.getProperty("xfer4j.cache"))).optSeed(42).build();
    }

    @AfterAll
    static void close() {
        xfer.close();
    }

    @Test
    void runsEveryDrawRecordsFailuresResumesAndRendersFromTheRecords(@TempDir Path out) throws Exception {
        StudyDefinition study = StudyFile.parse(STUDY, "spam.yaml");
        StudyRunner.Outcome first = Studies.run(xfer, study, "spam.yaml", out, false, Progress.NONE);
        // 4 methods x (3 draws of 10 + 3 draws of 50)
        assertThat(first.newRuns()).isEqualTo(24);
        List<RunRecord> runs = first.records();
        assertThat(runs.stream().filter(r -> r.method().equals("finetune")))
                .hasSize(6).allSatisfy(r -> assertThat(r.failure()).contains("one input"));
        double lr50 = runs.stream().filter(r -> r.method().equals("lr") && r.shots() == 50)
                .mapToDouble(RunRecord::accuracy).average().orElseThrow();
        // Measured 0.835 mean over 5 draws of 50 per class (seed 42); the majority class scores 0.687.
        assertThat(lr50).isGreaterThan(0.80);
        // methods share draws: lr and prototype trained on the same examples (same draw seed and size)
        assertThat(runs.stream().filter(r -> r.shots() == 10 && r.repeat() == 1).mapToLong(RunRecord::drawSeed)
                .distinct()).hasSize(1);
        assertThat(runs.getFirst().confusion()).hasDimensions(2, 2);
        // the searched and temperature-scaled variant ran on every draw (search and calibration on the draw alone)
        assertThat(runs.stream().filter(r -> r.method().equals("lr-tuned"))).hasSize(6).allMatch(RunRecord::ok);
        assertThat(runs.getFirst().reliability()).hasNumberOfRows(RunRecord.RELIABILITY_BINS);
        assertThat(out.resolve("index.html")).content().contains("Ranking and significance").contains("Wilcoxon")
                .contains("s0-accuracy-vs-shots.png").contains("Failed runs");
        assertThat(out.resolve("s0-reliability-50.png")).isNotEmptyFile();
        assertThat(out.resolve("provenance.json")).content().contains("studyFileSha256").contains("\"lr\"");

        // a process killed while writing leaves a partial last line: reopening drops it and the run is made again
        List<String> lines = Files.readAllLines(out.resolve(ResultLog.JSONL));
        Files.writeString(out.resolve(ResultLog.JSONL), String.join("\n", lines.subList(0, 22)) + "\n"
                + lines.get(22).substring(0, 40), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        StudyRunner.Outcome resumed = Studies.run(xfer, study, "spam.yaml", out, false, Progress.NONE);
        assertThat(resumed.newRuns()).isEqualTo(2);
        assertThat(resumed.skipped()).isEqualTo(22);
        assertThat(ResultLog.read(out)).extracting(RunRecord::key).doesNotHaveDuplicates().hasSize(24);
        assertThat(Files.readAllLines(out.resolve(ResultLog.CSV))).hasSize(1 + 24);
        StudyRunner.Outcome finished = Studies.run(xfer, study, "spam.yaml", out, false, Progress.NONE);
        assertThat(finished.newRuns()).isZero();
        assertThat(finished.skipped()).isEqualTo(24);

        Files.delete(out.resolve("index.html"));
        Studies.render(study, out);
        assertThat(out.resolve("index.html")).content().contains("prototype");
    }
}
