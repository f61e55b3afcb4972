package org.xfer4j.meta.learners;

import java.util.Set;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.meta.DifferentiableModel;
import org.xfer4j.api.meta.Parameters;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.OnnxDifferentiableModel;
import org.xfer4j.training.autodiff.TrainingStep;

/**
 * Adapting and scoring held-out tasks with batch norms as a {@link BatchNormMode} says (meta-test and
 * meta-validation use it, so every initialisation compared is adapted and scored alike): SGD steps on the support set
 * through {@link #model()}, query scores at any parameters, and an adapted net saved as a plain inference graph.
 * Keeps its scoring graphs with the model; close it after use.
 */
public final class TaskScoring implements AutoCloseable {

    /** The query loss, and the outputs (logits for classification) on the query set. */
    public record QueryScore(double loss, float[] outputs) {

        /** The share of {@code query}'s labels the outputs rank first (classification). */
        public double accuracy(Dataset query) {
            int[] predicted = predicted(query);
            int right = 0;
            for (int i = 0; i < query.size(); i++) {
                right += predicted[i] == query.label(i) ? 1 : 0;
            }
            return right / (double) query.size();
        }

        /** The class the outputs rank first for each example of {@code query} (classification). */
        public int[] predicted(Dataset query) {
            int classes = outputs.length / query.size();
            int[] best = new int[query.size()];
            for (int i = 0; i < query.size(); i++) {
                for (int k = 1; k < classes; k++) {
                    best[i] = outputs[i * classes + k] > outputs[i * classes + best[i]] ? k : best[i];
                }
            }
            return best;
        }
    }

    private final DifferentiableModel model;
    private final BatchNormMode mode;
    private final UnrolledRunner scorer;

    private TaskScoring(DifferentiableModel model, BatchNormMode mode, UnrolledRunner scorer) {
        this.model = model;
        this.mode = mode;
        this.scorer = scorer;
    }

    /**
     * Scoring of {@code model}'s tasks under {@code mode}; a model without batch norms, or not an ONNX graph, is
     * scored as it is (mode {@link BatchNormMode#FIXED}).
     */
    public static TaskScoring of(DifferentiableModel model, BatchNormMode mode) {
        if (model instanceof OnnxDifferentiableModel onnx && Runners.byBatch(onnx, mode)) {
            OnnxDifferentiableModel m = onnx.batchStatistics();
            return new TaskScoring(m, mode, new UnrolledRunner(m, mode, m.context()));
        }
        return new TaskScoring(model, BatchNormMode.FIXED, null);
    }

    /** The mode in effect ({@link BatchNormMode#FIXED} where the model has no batch norms to switch). */
    public BatchNormMode mode() {
        return mode;
    }

    /** The model support-set steps go through: its loss and gradient normalise by the batch they are given. */
    public DifferentiableModel model() {
        return model;
    }

    /**
     * The query score at {@code theta}; under {@link BatchNormMode#SUPPORT} normalised by {@code support}'s
     * statistics, under {@link BatchNormMode#TRANSDUCTIVE} by the query set's own.
     */
    public QueryScore query(Parameters theta, Dataset support, Dataset query) {
        if (scorer == null) {
            return new QueryScore(model.lossAndGradient(theta, query).loss(), model.outputs(theta, query).floats());
        }
        Outcome o = scorer.adapt(Flat.of(theta), support, query, new InnerLoop(0, 1, OptimizerKind.SGD), Set.of());
        return new QueryScore(o.queryAfter(), o.queryOutputs());
    }

    /**
     * The net with parameters {@code adapted} as a plain inference graph: under {@link BatchNormMode#SUPPORT} with
     * {@code support}'s batch statistics at {@code adapted} as the running statistics, so that it predicts what
     * {@link #query} scores, one example at a time.
     *
     * @throws InvalidInputException where the model is not an ONNX graph
     * @throws InvalidOptionException under {@link BatchNormMode#TRANSDUCTIVE}, whose predictions depend on the
     *     query batch and have no fixed-statistics equivalent
     */
    public OnnxGraph export(Parameters adapted, Dataset support) {
        if (!(model instanceof OnnxDifferentiableModel net)) {
            throw new InvalidInputException(model.getClass().getSimpleName() + " is not an ONNX graph to save");
        }
        if (mode == BatchNormMode.TRANSDUCTIVE) {
            throw new InvalidOptionException("option batchNorm=transductive normalises every query batch by itself; "
                    + "an adapted net with fixed statistics needs batchNorm=support");
        }
        OnnxGraph g = net.step().forward();
        for (var p : adapted.tensors().entrySet()) {
            g = g.withParameter(p.getKey(), p.getValue());
        }
        if (scorer == null) {
            return g;
        }
        float[] statistics = scorer.supportStatistics(Flat.of(adapted), support);
        int at = 0;
        for (TrainingStep.BatchStatistic b : scorer.step().batchStatistics()) {
            int channels = (int) Tensor.elementCount(g.parameter(b.runningMean()).shape());
            for (String running : java.util.List.of(b.runningMean(), b.runningVariance())) {
                g = g.withParameter(running, Tensor.ofFloats(java.util.Arrays.copyOfRange(statistics, at,
                        at + channels), channels));
                at += channels;
            }
        }
        return g;
    }

    @Override
    public void close() {
        if (scorer != null) {
            scorer.close();
        }
    }
}
