package org.xfer4j.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One saved artifact to mutate (an {@code lr} or {@code svm} model over bge-small features of spam subjects) and its
 * predictions before mutation; each mutant goes through {@code predict}, and its predictions are compared with those.
 */
final class XferTarget {

    private final String method;
    private final Path dir;
    private final Path test;
    private XferMutator mutator;
    private byte[] baseline;

    XferTarget(String method, Path dir, Path test) {
        this.method = method;
        this.dir = dir;
        this.test = test;
    }

    /** Trains and saves the model, and records its predictions on the test subjects. */
    void prepare(Worker worker, long timeout) throws IOException, InterruptedException {
        Path artifact = dir.resolve("base-" + method + ".xfer");
        Path predictions = dir.resolve("base-" + method + ".csv");
        require(worker.run(List.of("cli", "repurpose", "--method", method, "--model", "bge-small-en-v1.5", "--train",
                dir.resolve("train.csv").toString(), "--out", artifact.toString(), "--force"), timeout * 5), "repurpose");
        require(worker.run(predict(artifact, predictions), timeout * 5), "predict");
        mutator = new XferMutator(artifact);
        baseline = Files.readAllBytes(predictions);
    }

    /** Runs mutant {@code i} through predict and tallies how it ended. */
    void run(Worker worker, long seed, int i, long timeout, Tally tally) throws IOException, InterruptedException {
        Mutant m = mutator.mutant(seed, i);
        Path file = dir.resolve("cases").resolve("x" + i + "-" + method + ".xfer");
        Path out = dir.resolve("cases").resolve("x" + i + ".csv");
        Files.write(file, m.bytes());
        Files.deleteIfExists(out);
        Worker.Reply r = worker.run(predict(file, out), timeout);
        String outcome = r.outcome();
        if (outcome.equals("ok")) {
            boolean same = Files.exists(out) && Arrays.equals(Files.readAllBytes(out), baseline);
            outcome = same ? "harmless" : m.forged() ? "other-model" : "silent";
        }
        tally.add("predict " + method, i, m, outcome, r, file);
        if (outcome.equals("harmless") || outcome.equals("clear") || outcome.equals("other-model")) {
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(out);
    }

    private List<String> predict(Path artifact, Path out) {
        return List.of("cli", "predict", "--artifact", artifact.toString(), "--data", test.toString(), "--out",
                out.toString());
    }

    private static void require(Worker.Reply r, String what) {
        if (r.status() != 0) {
            throw new IllegalStateException("fuzz setup: " + what + " failed: " + r);
        }
    }
}
