package org.xfer4j.meta.eval;

import java.util.ArrayList;
import java.util.List;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.Progress;
import org.xfer4j.api.XferException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.api.meta.Task;
import org.xfer4j.api.repurpose.Predictions;
import org.xfer4j.meta.learners.BatchNormMode;
import org.xfer4j.meta.learners.TaskScoring;

/**
 * How well an initialisation learns held-out tasks: for each task, plain SGD on the support set from the
 * initialisation, scoring the query set (accuracy and cross-entropy, or for regression the mean squared error) after
 * 0, 1, ..., K steps; the same procedure for every initialisation compared,
 * so the curves differ only by where they start.
 *
 * @param steps        the number of SGD steps K
 * @param learningRate the SGD step size
 * @param batchNorm    what batch norms normalise by while adapting and scoring (see {@link TaskScoring})
 */
public record AdaptationCurve(int steps, double learningRate, BatchNormMode batchNorm) {

    /** Batch norms on their fixed statistics. */
    public AdaptationCurve(int steps, double learningRate) {
        this(steps, learningRate, BatchNormMode.FIXED);
    }

    /**
     * The query scores after {@code steps} adaptation steps, over all tasks: accuracy (NaN for regression) and loss
     * (cross-entropy, or the mean squared error for regression).
     */
    public record Point(int steps, MeanInterval accuracy, MeanInterval loss) {
    }

    public AdaptationCurve {
        InvalidOptionException.require(steps >= 0, "adaptation steps must be 0 or more, got " + steps);
        InvalidOptionException.require(learningRate > 0 && Double.isFinite(learningRate),
                "adaptation learning rate must be positive, got " + learningRate);
        java.util.Objects.requireNonNull(batchNorm, "batchNorm");
    }

    /** The curve of {@code initialisation} over {@code tasks}: K + 1 points. */
    public List<Point> measure(DifferentiableModel model, Parameters initialisation, List<Task> tasks, String label,
            Progress progress) {
        double[][] accuracy = new double[steps + 1][tasks.size()];
        double[][] loss = new double[steps + 1][tasks.size()];
        progress.start("meta-test " + label, tasks.size());
        try (TaskScoring scoring = TaskScoring.of(model, batchNorm)) {
            DifferentiableModel stepping = scoring.model();
            for (int t = 0; t < tasks.size(); t++) {
                progress.checkCancelled();
                Task task = tasks.get(t);
                Parameters theta = initialisation;
                for (int k = 0; k <= steps; k++) {
                    double[] score = scoring.mode() != BatchNormMode.FIXED
                            ? byBatch(scoring, theta, task, label, t, k)
                            : model.lossKind() == LossKind.SQUARED_ERROR
                            ? regression(model, theta, task.query(), label, t, k)
                            : score(predict(model, theta, task.query(), label, t, k), task.query());
                    accuracy[k][t] = score[0];
                    loss[k][t] = score[1];
                    if (k < steps) {
                        theta = ParameterMath.step(theta, stepping.lossAndGradient(theta, task.support()).gradient(),
                                -learningRate);
                    }
                }
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        List<Point> curve = new ArrayList<>();
        for (int k = 0; k <= steps; k++) {
            curve.add(new Point(k, MeanInterval.of(accuracy[k]), MeanInterval.of(loss[k])));
        }
        return curve;
    }

    private Predictions predict(DifferentiableModel model, Parameters theta, Dataset query, String label, int task,
            int step) {
        try {
            return model.predict(theta, query);
        } catch (InvalidInputException e) { // NaN probabilities: the steps diverged
            throw new XferException("the predictions of " + label + " on test task " + task + " after " + step
                    + " steps are invalid (" + e.getMessage() + "); lower the adaptation learning rate ("
                    + learningRate + ")", e);
        }
    }

    /** Accuracy (NaN for regression) and loss with batch norms normalised by batch statistics. */
    private double[] byBatch(TaskScoring scoring, Parameters theta, Task task, String label, int t, int step) {
        TaskScoring.QueryScore s = scoring.query(theta, task.support(), task.query());
        if (!Double.isFinite(s.loss())) {
            throw new XferException("the query loss of " + label + " on test task " + t + " after " + step
                    + " steps is " + s.loss() + "; lower the adaptation learning rate (" + learningRate + ")");
        }
        if (scoring.model().lossKind() == LossKind.SQUARED_ERROR) {
            return new double[] {Double.NaN, s.loss()};
        }
        return new double[] {s.accuracy(task.query()), s.loss()};
    }

    /** No accuracy, and the mean squared error on the query points. */
    private double[] regression(DifferentiableModel model, Parameters theta, Dataset query, String label, int task,
            int step) {
        double mse = model.lossAndGradient(theta, query).loss();
        if (!Double.isFinite(mse)) {
            throw new XferException("the query error of " + label + " on test task " + task + " after " + step
                    + " steps is " + mse + "; lower the adaptation learning rate (" + learningRate + ")");
        }
        return new double[] {Double.NaN, mse};
    }

    /** {@code initialisation} after the K SGD steps on {@code support}. */
    public Parameters adapt(DifferentiableModel model, Parameters initialisation, Dataset support) {
        try (TaskScoring scoring = TaskScoring.of(model, batchNorm)) {
            return adapt(scoring, initialisation, support);
        }
    }

    /**
     * The classes {@code initialisation}, after the K steps on {@code task}'s support set, predicts for its queries,
     * normalised as {@link #measure} scores them.
     */
    public int[] predictions(DifferentiableModel model, Parameters initialisation, Task task) {
        try (TaskScoring scoring = TaskScoring.of(model, batchNorm)) {
            return scoring.query(adapt(scoring, initialisation, task.support()), task.support(), task.query())
                    .predicted(task.query());
        }
    }

    private Parameters adapt(TaskScoring scoring, Parameters initialisation, Dataset support) {
        Parameters theta = initialisation;
        for (int k = 0; k < steps; k++) {
            theta = ParameterMath.step(theta, scoring.model().lossAndGradient(theta, support).gradient(),
                    -learningRate);
        }
        return theta;
    }

    /** Accuracy and mean negative log-likelihood of {@code p} on {@code data}'s labels. */
    private static double[] score(Predictions p, Dataset data) {
        double correct = 0;
        double nll = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] row = p.probabilities()[i];
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                best = row[c] > row[best] ? c : best;
            }
            correct += best == data.label(i) ? 1 : 0;
            nll -= Math.log(Math.max(row[data.label(i)], 1e-12));
        }
        return new double[] {correct / data.size(), nll / data.size()};
    }
}
