package org.xfer4j.evaluation.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.data.json.JsLiteral;

/**
 * A study's results on disk, appended run by run: {@value #JSONL} (one JSON object per run, the record everything
 * else is rebuilt from) and {@value #CSV} (the same runs as a table). A study killed mid-way leaves at most a partial
 * last line, which reopening drops, so the study resumes at the first run not yet recorded.
 */
public final class ResultLog {

    /** Every run, one JSON object per line. */
    public static final String JSONL = "runs.jsonl";
    /** Every run, one CSV row per line. */
    public static final String CSV = "runs.csv";

    private final Path dir;
    private final List<RunRecord> records;
    private final Set<String> keys = new HashSet<>();

    private ResultLog(Path dir, List<RunRecord> records) {
        this.dir = dir;
        this.records = records;
        records.forEach(r -> keys.add(r.key()));
    }

    /**
     * Opens the results in {@code dir} for appending: with {@code fresh} any earlier results are discarded, else they
     * are read back (dropping a partial last line) and the CSV is rewritten from them.
     */
    public static ResultLog open(Path dir, boolean fresh) {
        try {
            Files.createDirectories(dir);
            Path jsonl = dir.resolve(JSONL);
            if (fresh) {
                Files.deleteIfExists(jsonl);
            }
            List<RunRecord> records = readAndRepair(jsonl);
            ResultLog log = new ResultLog(dir, records);
            TextFiles.write(dir.resolve(CSV), w -> {
                w.write(RunRecord.CSV_HEADER + "\n");
                for (RunRecord r : records) {
                    w.write(r.csvLine());
                }
            });
            if (!Files.exists(jsonl)) {
                Files.createFile(jsonl);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open study results in " + dir, e);
        }
    }

    /** The runs recorded in {@code dir}, read only. */
    public static List<RunRecord> read(Path dir) {
        Path jsonl = dir.resolve(JSONL);
        if (!Files.isRegularFile(jsonl)) {
            throw new InvalidInputException("no study results in " + dir + " (" + JSONL + " is missing)");
        }
        try {
            byte[] bytes = Files.readAllBytes(jsonl);
            return parse(bytes, completeLength(bytes), jsonl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
    }

    private static List<RunRecord> readAndRepair(Path jsonl) throws IOException {
        if (!Files.exists(jsonl)) {
            return new ArrayList<>();
        }
        byte[] bytes = Files.readAllBytes(jsonl);
        int complete = completeLength(bytes);
        if (complete < bytes.length) {
            // the process died while writing the last line: that run was never finished, so drop it
            try (FileChannel ch = FileChannel.open(jsonl, StandardOpenOption.WRITE)) {
                ch.truncate(complete);
            }
        }
        return parse(bytes, complete, jsonl);
    }

    private static int completeLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    @SuppressWarnings("unchecked")
    private static List<RunRecord> parse(byte[] bytes, int length, Path file) {
        List<RunRecord> out = new ArrayList<>();
        String[] lines = new String(bytes, 0, length, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                out.add(RunRecord.fromJson((Map<String, Object>) JsLiteral.parse(lines[i], file + " line " + (i + 1))));
            } catch (RuntimeException e) {
                throw new InvalidInputException(file + " line " + (i + 1) + " is not a run record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Whether the run with {@code key} is already recorded (succeeded or failed). */
    public boolean has(String key) {
        return keys.contains(key);
    }

    /** The runs recorded so far, in order. */
    public List<RunRecord> records() {
        return List.copyOf(records);
    }

    /** The folder the results are in. */
    public Path dir() {
        return dir;
    }

    /** Appends one run to both files; the JSON line goes first, since the CSV is rebuilt from it on reopening. */
    public void append(RunRecord r) {
        try {
            Files.writeString(dir.resolve(JSONL), r.jsonLine(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(dir.resolve(CSV), r.csvLine(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the study results in " + dir, e);
        }
        records.add(r);
        keys.add(r.key());
    }
}
