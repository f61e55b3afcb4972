package org.xfer4j.bench.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts how fuzz cases ended, per command: clear (an error naming what is wrong), unclear (a stack trace or an
 * error without a message), harmless (the same result as the original), silent (exit 0 with a different or
 * non-finite result, where a digest or a check should have refused), other-model (a forged artifact or an ONNX
 * file that is another valid model: nothing can tell it from one made that way), ran (layers listed), crash, hang.
 * Every case is appended to cases.csv as it ends; findings keep their mutant files.
 */
final class Tally {

    private final Path dir;
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private int crashLogs;

    Tally(Path dir) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("cases.csv"), "case,command,forged,outcome,status,mutation,message\n");
    }

    void add(String command, int i, Mutant m, String outcome, Worker.Reply r, Path file) throws IOException {
        counts.computeIfAbsent(command, c -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        Files.writeString(dir.resolve("cases.csv"), String.join(",", Integer.toString(i), command,
                Boolean.toString(m.forged()), outcome, Integer.toString(r.status()), csv(m.mutation()),
                csv(r.message())) + "\n", StandardOpenOption.APPEND);
        if (outcome.equals("crash") || outcome.equals("hang") || outcome.equals("unclear") || outcome.equals("silent")) {
            Fuzz.keep(dir, file, outcome + "-" + command.replace(' ', '-'));
        }
    }

    void crashLogs(int n) {
        crashLogs = n;
    }

    /** One line: the counts per command. */
    String line() {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "));
    }

    /** A Markdown table of the counts. */
    String table() {
        String[] outcomes = {"clear", "harmless", "ran", "other-model", "unclear", "silent", "crash", "hang"};
        StringBuilder sb = new StringBuilder("| command | cases |");
        for (String o : outcomes) {
            sb.append(' ').append(o).append(" |");
        }
        sb.append("\n|---|---|").append("---|".repeat(outcomes.length)).append('\n');
        counts.forEach((command, c) -> {
            sb.append("| ").append(command).append(" | ").append(c.values().stream().mapToInt(x -> x).sum()).append(" |");
            for (String o : outcomes) {
                sb.append(' ').append(c.getOrDefault(o, 0)).append(" |");
            }
            sb.append('\n');
        });
        return sb.append("hs_err files: ").append(crashLogs).append('\n').toString();
    }

    /** Writes summary.json. */
    void finish(int n, long seed, double seconds) {
        StringBuilder sb = new StringBuilder("{\"cases\": " + n + ", \"seed\": " + seed + ", \"seconds\": "
                + String.format(Locale.ROOT, "%.1f", seconds) + ", \"hsErrFiles\": " + crashLogs + ", \"counts\": {");
        sb.append(counts.entrySet().stream().map(e -> "\"" + e.getKey() + "\": {" + e.getValue().entrySet().stream()
                .map(c -> "\"" + c.getKey() + "\": " + c.getValue()).collect(Collectors.joining(", ")) + "}")
                .collect(Collectors.joining(", ")));
        try {
            Files.writeString(dir.resolve("summary.json"), sb.append("}}\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
