package org.xfer4j.meta;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.TaskLosses;
import org.xfer4j.data.io.TextFiles;

/**
 * The meta-logger: keeps every meta-training step (mean query loss and accuracy) and every task's loss before and after
 * adaptation, passes each on to another logger (progress), and writes them as CSV and JSON Lines.
 */
public final class MetaLog implements MetaLogger {

    /** Per meta-step rows: step, query_loss, query_accuracy. */
    public static final String STEPS = "meta-steps";
    /** Per task rows: step, task, support and query loss before and after adaptation. */
    public static final String TASKS = "meta-tasks";

    private final List<MetaStep> steps = new ArrayList<>();
    private final List<TaskLosses> tasks = new ArrayList<>();
    private final MetaLogger next;

    /** A log that passes each step on to {@code next}. */
    public MetaLog(MetaLogger next) {
        this.next = next;
    }

    /**
     * A log that goes on from the rows {@code dir} holds up to step {@code lastStep} (a checkpoint's); rows after it
     * (written after the checkpoint by an interrupted run, which the resumed run repeats) are dropped.
     *
     * @throws InvalidInputException naming the file when it is not a log this class wrote
     */
    public static MetaLog resume(Path dir, int lastStep, MetaLogger next) {
        MetaLog log = new MetaLog(next);
        try {
            log.read(dir, lastStep);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("the meta-training log in " + dir + " holds a value that is not a number: "
                    + e.getMessage(), e);
        }
        return log;
    }

    private void read(Path dir, int lastStep) {
        for (String[] r : rows(dir.resolve(STEPS + ".csv"), 3)) {
            MetaStep s = new MetaStep(Integer.parseInt(r[0]), Double.parseDouble(r[1]), Double.parseDouble(r[2]));
            if (s.step() <= lastStep) {
                steps.add(s);
            }
        }
        for (String[] r : rows(dir.resolve(TASKS + ".csv"), 6)) {
            TaskLosses t = new TaskLosses(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Double.parseDouble(r[2]),
                    Double.parseDouble(r[3]), Double.parseDouble(r[4]), Double.parseDouble(r[5]));
            if (t.step() <= lastStep) {
                tasks.add(t);
            }
        }
    }

    @Override
    public synchronized void onStep(MetaStep step) {
        steps.add(step);
        next.onStep(step);
    }

    @Override
    public synchronized void onTask(TaskLosses task) {
        tasks.add(task);
        next.onTask(task);
    }

    @Override
    public void onCheckpoint(MetaCheckpoint checkpoint) {
        next.onCheckpoint(checkpoint);
    }

    /** The steps so far. */
    public synchronized List<MetaStep> steps() {
        return List.copyOf(steps);
    }

    /** The tasks so far. */
    public synchronized List<TaskLosses> tasks() {
        return List.copyOf(tasks);
    }

    /** Writes meta-steps.csv/.jsonl and meta-tasks.csv/.jsonl into {@code dir}, each replaced atomically. */
    public synchronized void write(Path dir) {
        try {
            TextFiles.write(dir.resolve(STEPS + ".csv"), w -> {
                line(w, "step,query_loss,query_accuracy");
                for (MetaStep s : steps) {
                    line(w, s.step() + "," + num(s.queryLoss()) + "," + num(s.queryAccuracy()));
                }
            });
            TextFiles.write(dir.resolve(STEPS + ".jsonl"), w -> {
                for (MetaStep s : steps) {
                    line(w, "{\"step\":" + s.step() + ",\"query_loss\":" + json(s.queryLoss())
                            + ",\"query_accuracy\":" + json(s.queryAccuracy()) + "}");
                }
            });
            TextFiles.write(dir.resolve(TASKS + ".csv"), w -> {
                line(w, "step,task,support_loss_before,support_loss_after,query_loss_before,query_loss_after");
                for (TaskLosses t : tasks) {
                    line(w, t.step() + "," + t.task() + "," + num(t.supportBefore()) + "," + num(t.supportAfter())
                            + "," + num(t.queryBefore()) + "," + num(t.queryAfter()));
                }
            });
            TextFiles.write(dir.resolve(TASKS + ".jsonl"), w -> {
                for (TaskLosses t : tasks) {
                    line(w, "{\"step\":" + t.step() + ",\"task\":" + t.task() + ",\"support_loss_before\":"
                            + json(t.supportBefore()) + ",\"support_loss_after\":" + json(t.supportAfter())
                            + ",\"query_loss_before\":" + json(t.queryBefore()) + ",\"query_loss_after\":"
                            + json(t.queryAfter()) + "}");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the meta-training log to " + dir, e);
        }
    }

    private static List<String[]> rows(Path file, int columns) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String[] r = lines.get(i).split(",");
                if (r.length != columns) {
                    throw new InvalidInputException(file + " line " + (i + 1) + " has " + r.length
                            + " columns, expected " + columns);
                }
                rows.add(r);
            }
            return rows;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void line(BufferedWriter w, String s) throws IOException {
        w.write(s);
        w.newLine();
    }

    static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String json(double v) {
        return Double.isFinite(v) ? num(v) : "null";
    }
}
