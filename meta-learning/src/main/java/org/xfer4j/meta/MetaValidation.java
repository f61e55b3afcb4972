package org.xfer4j.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.MetaCheckpoint;
import org.xfer4j.api.meta.MetaLogger;
import org.xfer4j.api.meta.MetaStep;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.meta.TaskLosses;
import org.xfer4j.data.io.TextFiles;
import org.xfer4j.meta.eval.AdaptationCurve;
import org.xfer4j.meta.eval.MeanInterval;

/**
 * Meta-validation, as a logger in front of another: every checkpoint whose step is a multiple of {@code every} is
 * scored on fixed meta-validation tasks (K adaptation steps from the checkpoint's initialisation, then the query
 * accuracy, or for regression the query mean squared error), the best initialisation so far is kept for model
 * selection, and with a patience meta-training stops once that many validations in a row brought no improvement.
 * Checkpoints are passed on after scoring, so the next logger can ask for the best; stopping throws
 * {@link Stopped} after the checkpoint was passed on, so nothing saved is lost.
 */
public final class MetaValidation implements MetaLogger {

    /** The base name of the validation log (CSV and JSON Lines). */
    public static final String FILE = "meta-validation";

    /** The validation score of one checkpoint: query accuracy (NaN for regression) and loss after K steps. */
    public record Point(int step, MeanInterval accuracy, MeanInterval loss) {
    }

    /** The best checkpoint so far: its step, initialisation and validation point. */
    public record Best(int step, Parameters initialisation, Point point) {
    }

    /** Meta-training stopped early at {@code step}: {@code patience} validations without improvement. */
    public static final class Stopped extends XferException {

        private static final long serialVersionUID = 1L;

        private final int step;

        Stopped(int step, String message) {
            super(message);
            this.step = step;
        }

        /** The step of the checkpoint after which meta-training stopped. */
        public int step() {
            return step;
        }
    }

    private final DifferentiableModel model;
    private final List<Task> tasks;
    private final AdaptationCurve curve;
    private final int every;
    private final int patience;
    private final MetaLogger next;
    private final List<Point> points = new ArrayList<>();
    private Best best;

    /**
     * @param tasks    the meta-validation tasks, the same at every validation
     * @param curve    the adaptation each initialisation gets before its query sets are scored
     * @param every    validate checkpoints whose step is a multiple of this
     * @param patience stop after this many validations in a row without a better score (0: never stop early)
     * @param next     the logger every step, task and checkpoint is passed on to
     */
    public MetaValidation(DifferentiableModel model, List<Task> tasks, AdaptationCurve curve, int every,
            int patience, MetaLogger next) {
        InvalidOptionException.require(!tasks.isEmpty(), "meta-validation needs at least one task");
        InvalidOptionException.require(every >= 1, "meta-validation every " + every + " steps: must be >= 1");
        InvalidOptionException.require(patience >= 0, "meta-validation patience must be >= 0, got " + patience);
        this.model = model;
        this.tasks = List.copyOf(tasks);
        this.curve = curve;
        this.every = every;
        this.patience = patience;
        this.next = next;
    }

    /**
     * Goes on from the validations {@code dir} holds up to step {@code lastStep}, with {@code best} the best of them as
     * it was saved (null if none was).
     *
     * @throws InvalidInputException naming the file when it is not a log this class wrote
     */
    public MetaValidation resume(Path dir, int lastStep, MetaCheckpoint best) {
        Path file = dir.resolve(FILE + ".csv");
        if (Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file);
                for (int i = 1; i < lines.size(); i++) {
                    String[] r = lines.get(i).split(",");
                    if (r.length != 6) {
                        throw new InvalidInputException(file + " line " + (i + 1) + " has " + r.length
                                + " columns, expected 6");
                    }
                    int n = Integer.parseInt(r[1]);
                    Point p = new Point(Integer.parseInt(r[0]), new MeanInterval(Double.parseDouble(r[2]),
                            Double.parseDouble(r[3]), n), new MeanInterval(Double.parseDouble(r[4]),
                            Double.parseDouble(r[5]), n));
                    if (p.step() <= lastStep) {
                        points.add(p);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new InvalidInputException("cannot read the meta-validation log " + file + ": "
                        + e.getMessage(), e);
            }
        }
        if (best != null && indexOf(best.step()) >= 0) {
            this.best = new Best(best.step(), best.initialisation(), points.get(indexOf(best.step())));
        }
        return this;
    }

    @Override
    public void onStep(MetaStep step) {
        next.onStep(step);
    }

    @Override
    public void onTask(TaskLosses task) {
        next.onTask(task);
    }

    @Override
    public void onCheckpoint(MetaCheckpoint checkpoint) {
        boolean validated = checkpoint.step() % every == 0 && checkpoint.step() > 0;
        if (validated) {
            validate(checkpoint);
        }
        next.onCheckpoint(checkpoint);
        if (validated && patience > 0 && best != null && points.size() - indexOf(best.step()) - 1 >= patience) {
            throw new Stopped(checkpoint.step(), "meta-validation: no better score in " + patience
                    + " validations since step " + best.step() + "; stopped at step " + checkpoint.step());
        }
    }

    private void validate(MetaCheckpoint checkpoint) {
        List<AdaptationCurve.Point> c = curve.measure(model, checkpoint.initialisation(), tasks,
                "meta-validation at step " + checkpoint.step(), Progress.NONE);
        AdaptationCurve.Point last = c.getLast();
        Point p = new Point(checkpoint.step(), last.accuracy(), last.loss());
        points.removeIf(q -> q.step() == p.step());
        points.add(p);
        if (best == null || score(p) > score(best.point())) {
            best = new Best(p.step(), checkpoint.initialisation(), p);
        }
    }

    private int indexOf(int step) {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).step() == step) {
                return i;
            }
        }
        return -1;
    }

    /** Higher is better: the accuracy, or for regression the negated mean squared error. */
    private double score(Point p) {
        return model.lossKind() == LossKind.SQUARED_ERROR ? -p.loss().mean() : p.accuracy().mean();
    }

    /** What is scored: "query accuracy" or "query mean squared error". */
    public String metric() {
        return model.lossKind() == LossKind.SQUARED_ERROR ? "query mean squared error" : "query accuracy";
    }

    /** The adaptation steps before scoring. */
    public int steps() {
        return curve.steps();
    }

    /** The number of validation tasks. */
    public int size() {
        return tasks.size();
    }

    /** The validations so far, in step order. */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /** The best checkpoint so far, or null before the first validation. */
    public Best best() {
        return best;
    }

    /** Writes meta-validation.csv and .jsonl into {@code dir}, each replaced atomically. */
    public void write(Path dir) {
        try {
            TextFiles.write(dir.resolve(FILE + ".csv"), w -> {
                MetaLog.line(w, "step,tasks,accuracy,accuracy_ci95,loss,loss_ci95");
                for (Point p : points) {
                    MetaLog.line(w, String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s", p.step(), p.loss().count(),
                            MetaLog.num(p.accuracy().mean()), MetaLog.num(p.accuracy().halfWidth()), MetaLog.num(p.loss().mean()),
                            MetaLog.num(p.loss().halfWidth())));
                }
            });
            TextFiles.write(dir.resolve(FILE + ".jsonl"), w -> {
                for (Point p : points) {
                    MetaLog.line(w, String.format(Locale.ROOT, "{\"step\":%d,\"tasks\":%d,\"accuracy\":%s,"
                                    + "\"accuracy_ci95\":%s,\"loss\":%s,\"loss_ci95\":%s,\"best\":%b}", p.step(),
                            p.loss().count(), MetaLog.json(p.accuracy().mean()), MetaLog.json(p.accuracy().halfWidth()),
                            MetaLog.json(p.loss().mean()), MetaLog.json(p.loss().halfWidth()),
                            best != null && best.step() == p.step()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the meta-validation log to " + dir, e);
        }
    }
}
