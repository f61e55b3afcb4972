package org.xfer4j.training;

import java.util.Optional;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.training.autodiff.Loss;
import org.xfer4j.training.autodiff.TrainingStep;
import org.xfer4j.runtime.onnx.graph.FrozenPrefix;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * Trains the trainable parameters of a graph on labelled examples and returns the trained inference graph. Where
 * everything below the first trainable layer is frozen (and caching is on), the frozen prefix runs once per example
 * and the epochs train only the rest.
 */
public final class GraphTrainer {

    /** The trained graph (same layers, new parameter values), the history, and the cached boundary if any. */
    public record Result(OnnxGraph trained, TrainingHistory history, Optional<String> cachedBoundary) {
    }

    private GraphTrainer() {
    }

    /** Trains {@code graph} with cross-entropy on {@code data}; learning rates per group come from the config. */
    public static Result train(OnnxGraph graph, ExampleSet data, TrainingSetup setup, TrainerConfig config,
            ProviderContext context) {
        Optional<FrozenPrefix> split = setup.cachePrefix() ? FrozenPrefix.of(graph) : Optional.empty();
        OnnxGraph trainable = split.map(FrozenPrefix::suffix).orElse(graph);
        ExampleSet examples = split.map(s -> PrefixCache.boundaryValues(s, data, config.batchSize(), context))
                .orElse(data);
        TrainingStep.Builder b = TrainingStep.of(trainable).loss(Loss.SOFTMAX_CROSS_ENTROPY)
                .optimizer(setup.optimizer()).trainingBatchNorm(setup.trainBatchNorm()).seed(config.seed())
                .clipNorm(setup.clipNorm());
        examples.columns().forEach(c -> b.exampleShape(c.name(), c.exampleShape()));
        setup.groups().forEach(b::group);
        try (TrainingSession session = new TrainingSession(b.build(), context)) {
            TrainingHistory history = Trainer.fit(session, examples, config);
            return new Result(session.withParameters(graph), history, split.map(FrozenPrefix::boundary));
        }
    }
}
