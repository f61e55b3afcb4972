package org.xfer4j.evaluation.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.core.Xfer;

class StudyFileTest {

    private static final String GOOD = """
            study: demo
            seed: 7
            repeats: 3
            shots: [5, all]
            datasets:
              - name: spam
                train: spam-subjects:train
                test: spam-subjects:test
              - name: subjects
                data: spam-subjects
                split: {test: 0.25, seed: 3}
                trainPerClass: 100
                shots: [2]
            models:
              - model: bge-small-en-v1.5
                layers: [default]
            methods:
              - lr
              - method: svm
                options: {kernel: [linear, rbf], C: 2}
            """;

    private static Xfer xfer;

    @BeforeAll
    static void open() {
        xfer = Xfer.builder().optCacheDir(Path.of(System.getProperty("xfer4j.cache", "target/cache"))).build();
    }

    @AfterAll
    static void close() {
        xfer.close();
    }

    @Test
    void readsDatasetsModelsAndExpandsOptionGrids() {
        StudyDefinition s = StudyFile.parse(GOOD, "demo.yaml");
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.shots()).containsExactly(5, StudyDefinition.ALL);
        assertThat(s.datasets().get(1).testFraction()).isEqualTo(0.25);
        assertThat(s.shotsOf(s.datasets().get(1))).containsExactly(2);
        assertThat(s.models().getFirst().layers()).isEmpty();
        assertThat(s.methods()).extracting(StudyDefinition.MethodEntry::label)
                .containsExactly("lr", "svm[kernel=linear]", "svm[kernel=rbf]");
        assertThat(s.methods().get(2).options()).containsEntry("kernel", "rbf").containsEntry("C", "2");
        assertThat(s.methods().get(1).line()).isEqualTo(19);
        StudyValidator.validate(s, xfer.registry(), "demo.yaml");
    }

    @Test
    void unknownMethodOptionOrDatasetIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> validate(GOOD.replace("  - lr", "  - knn")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("demo.yaml line 18")
                .hasMessageContaining("knn");
        assertThatThrownBy(() -> validate(GOOD.replace("C: 2", "Cee: 2")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("demo.yaml line 19")
                .hasMessageContaining("Cee");
        assertThatThrownBy(() -> validate(GOOD.replace("data: spam-subjects", "data: spam-bodies")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("demo.yaml line 9")
                .hasMessageContaining("spam-bodies");
        assertThatThrownBy(() -> StudyFile.parse(GOOD.replace("repeats: 3", "repeat: 3"), "demo.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("demo.yaml line 3")
                .hasMessageContaining("unknown key 'repeat'");
        assertThatThrownBy(() -> StudyFile.parse(GOOD.replace("[5, all]", "[5, most]"), "demo.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("demo.yaml line 4");
        // issue 15: nesting deep enough to overflow the YAML composer's stack is refused with its line
        assertThatThrownBy(() -> StudyFile.parse("study: x\nshots: " + "[".repeat(100_000) + "]".repeat(100_000),
                "deep.yaml")).isInstanceOf(InvalidInputException.class)
                .hasMessage("study file deep.yaml line 2: lists and mappings nest deeper than 64 levels");
        assertThatThrownBy(() -> StudyFile.parse("study: [unclosed", "bad.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bad.yaml");
    }

    @Test
    void searchAndCalibrationAreReadAndRefusedForGraphMethods() {
        StudyDefinition s = StudyFile.parse(GOOD.replace("  - lr", "  - method: lr\n    options: {C: auto}\n"
                + "    hpo: {strategy: random, evaluations: 7}\n    calibrate: temperature")
                .replace("study: demo", "study: demo\nhpo: {folds: 4}"), "demo.yaml");
        StudyDefinition.MethodEntry lr = s.methods().getFirst();
        assertThat(lr.calibrate()).isTrue();
        assertThat(lr.tuning().evaluations()).isEqualTo(7);
        assertThat(lr.tuning().folds()).isEqualTo(4);
        assertThat(lr.tuning().strategy()).isEqualTo(org.xfer4j.core.tuning.Strategy.RANDOM);
        StudyValidator.validate(s, xfer.registry(), "demo.yaml");
        assertThatThrownBy(() -> validate(GOOD.replace("  - lr", "  - {method: finetune, calibrate: temperature}")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("demo.yaml line 18")
                .hasMessageContaining("feature methods");
        assertThatThrownBy(() -> StudyFile.parse(GOOD.replace("  - lr", "  - {method: lr, calibrate: platt}"),
                "demo.yaml")).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 18");
    }

    private static void validate(String text) {
        StudyValidator.validate(StudyFile.parse(text, "demo.yaml"), xfer.registry(), "demo.yaml");
    }
}
