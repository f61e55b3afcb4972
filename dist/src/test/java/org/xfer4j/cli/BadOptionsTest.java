package org.xfer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-option sweep of issue 15 as regression tests: each of these 49 command lines is refused before any model is
 * opened or fetched, with status 2 (usage) or 1 (a value at fault) and one line naming the option or value, never a
 * stack trace.
 */
class BadOptionsTest {

    @TempDir
    static Path dir;
    private static String csv;
    private static String file;
    private static String study;

    @BeforeAll
    static void files() throws IOException {
        csv = Files.writeString(dir.resolve("t.csv"), "text,label\nhello,a\nbye,b\n").toString();
        file = Files.writeString(dir.resolve("file.txt"), "x").toString();
        study = Files.writeString(dir.resolve("s.yaml"), "study: x\n").toString();
    }

    private static String[] lr(String... more) {
        return Stream.concat(Stream.of("repurpose", "--method", "lr", "--model", "bge-small-en-v1.5", "--train", csv),
                Stream.of(more)).toArray(String[]::new);
    }

    private static String[] method(String method, String option) {
        return new String[] {"repurpose", "--method", method, "--model", "bge-small-en-v1.5", "--train", csv, "-o",
            option};
    }

    private static String[] sine(String... more) {
        return Stream.concat(Stream.of("meta-train", "--method", "reptile", "--net", "mlp:1-8-1:tanh", "--tasks", "sine"),
                Stream.of(more)).toArray(String[]::new);
    }

    static Stream<Arguments> cases() {
        String d = dir.toString();
        return Stream.of(
                bad(2, "Unmatched argument at index 0: 'nosuchcommand'", "nosuchcommand"),
                bad(2, "Unknown option: '--nosuch'", "models", "--nosuch"),
                bad(2, "Missing required options: '--method=<method>', '--model=<model>', '--train=<train>'",
                        "repurpose"),
                bad(2, "Missing required options: '--model=<model>', '--train=<train>'", "repurpose", "--method", "lr"),
                bad(1, "unknown repurposing method 'nope'; known: [", "repurpose", "--method", "nope",
                        "--model", "bge-small-en-v1.5", "--train", csv),
                bad(2, "should be in KEY=VALUE format but was C", lr("-o", "C")),
                bad(1, "unknown option [nosuch] for lr; known options: [C, maxIter, tol]", lr("-o", "nosuch=1")),
                bad(1, "lr option C must be auto or a positive number", lr("-o", "C=-1")),
                bad(1, "option C=abc of lr must be a number", lr("-o", "C=abc")),
                bad(1, "lr option maxIter must be at least 1, got 0", lr("-o", "maxIter=0")),
                bad(1, "option kernel=poly of svm must be one of [linear, rbf]", method("svm", "kernel=poly")),
                bad(1, "gp option exactLimit must be at least 0, got -5", method("gp", "exactLimit=-5")),
                bad(1, "bnn option hiddenLayers must be 1 or 2, got 7", method("bnn", "hiddenLayers=7")),
                bad(1, "option optimizer=rmsprop of finetune must be one of [adam, momentum, sgd]",
                        method("finetune", "optimizer=rmsprop")),
                bad(1, "bad learning-rate schedule 'step:x'", method("finetune", "schedule=step:x")),
                bad(1, "a search needs at least 1 evaluation, got 0", lr("--hpo-evaluations", "0", "-o", "C=auto")),
                bad(1, "cross-validation needs at least 2 folds, got 1", lr("--hpo-folds", "1", "-o", "C=auto")),
                bad(1, "--calibrate must be none or temperature, got 'platt'", lr("--calibrate", "platt")),
                bad(1, "search range of option C must have finite bounds with low < high", lr("-o", "C=log:5..1")),
                bad(1, "data file " + d + "/nope.csv does not exist", "repurpose", "--method", "lr", "--model",
                        "bge-small-en-v1.5", "--train", d + "/nope.csv"),
                bad(1, "unknown dataset 'nosuch-dataset:train'", "repurpose", "--method", "lr", "--model",
                        "bge-small-en-v1.5", "--train", "nosuch-dataset:train"),
                bad(1, "no model source accepts 'no-such-model'", "repurpose", "--method", "lr", "--model",
                        "no-such-model", "--train", csv),
                bad(1, "ONNX file " + d + "/missing.onnx does not exist", "repurpose", "--method", "lr", "--model",
                        d + "/missing.onnx", "--train", csv),
                bad(1, "Maven coordinates must be group:artifact:version", "repurpose", "--method", "lr", "--model",
                        "maven:../../x:y:1", "--train", csv),
                bad(1, "cannot write " + d + ": it is a folder; name a file in it", lr("--out", d)),
                bad(1, "--out " + file + " exists; pass --force to replace it", lr("--out", file)),
                bad(2, "Invalid value for option '--threads': 'abc' is not an int", "models", "--threads", "abc"),
                bad(1, "threads must be >= 0 (0 = runtime default), got -3", "models", "--threads", "-3"),
                bad(2, "Invalid value for option '--seed': 'x' is not a long", "models", "--seed", "x"),
                bad(1, "device must be cpu, cuda or cuda:N, got 'tpu'", "models", "--device", "tpu"),
                bad(1, "device must be cpu, cuda or cuda:N, got 'cuda:x'", "models", "--device", "cuda:x"),
                bad(1, "the cache folder " + file + " is a file; name a folder", "models", "--cache", file),
                bad(1, "--plugins " + d + "/nope does not exist", "models", "--plugins", d + "/nope"),
                bad(1, "artifact " + d + "/missing.xfer does not exist", "predict", "--artifact", d + "/missing.xfer",
                        "--data", csv),
                bad(1, "artifact " + d + " is a folder, not an artifact file", "predict", "--artifact", d, "--data",
                        csv),
                bad(1, "artifact " + file + " is corrupt or truncated", "predict", "--artifact", file, "--data", csv),
                bad(2, "expected one of [text, image] (case-sensitive) but was 'audio'", "quickstart", "--tasks",
                        "audio"),
                bad(1, "--shots takes whole numbers or 'all', got 'abc'", "quickstart", "--shots", "abc"),
                bad(1, "repeats must be >= 1, got 0", "quickstart", "--repeats", "0"),
                bad(1, "method nope: unknown repurposing method 'nope'", "quickstart", "--methods", "nope"),
                bad(1, "study file " + d + "/missing.yaml does not exist", "study", d + "/missing.yaml"),
                bad(1, study + " line 1: the study needs a 'datasets' list", "study", study),
                bad(1, "net spec 'mlp:bogus' does not parse", "meta-train", "--method", "reptile", "--net", "mlp:bogus",
                        "--tasks", "sine"),
                bad(1, "unknown meta-learning method 'nope'; known: [reptile, fomaml, maml, leap]", "meta-train",
                        "--method", "nope", "--net", "mlp:1-8-1:tanh", "--tasks", "sine"),
                bad(1, "--tasks 'audio' is not one of: sine", "meta-train", "--method", "reptile", "--net",
                        "mlp:1-8-1:tanh", "--tasks", "audio"),
                bad(1, "--shots must be at least 1, got -1", sine("--shots", "-1")),
                bad(1, "option innerLr=-1.0 must be a positive number", sine("-o", "innerLr=-1")),
                bad(1, "artifact " + d + "/missing.xfer does not exist", "meta-test", "--init", d + "/missing.xfer"),
                bad(1, "ONNX file " + d + "/missing.onnx does not exist", "layers", d + "/missing.onnx"));
    }

    private static Arguments bad(int exit, String says, String... args) {
        return Arguments.of(String.join(" ", args), args, exit, says);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithOneLineNamingWhatIsAtFault(String line, String[] args, int exit, String says) {
        HostOptionsTest.Run r = HostOptionsTest.cli(args);
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.err()).contains(says).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
