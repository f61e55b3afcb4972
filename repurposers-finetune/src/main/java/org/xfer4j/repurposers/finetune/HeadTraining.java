package org.xfer4j.repurposers.finetune;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.training.ExampleSet;
import org.xfer4j.training.GraphTrainer;
import org.xfer4j.training.TrainingSetup;

/**
 * What both fine-tuning repurposers do around their own graph surgery: prepare the examples with the source's
 * preprocessing, open the source graph at that input size, train, and wrap the result.
 */
final class HeadTraining {

    /** A provider's surgery: from the source graph (input size fixed) to the graph to train. */
    interface Surgery extends Function<OnnxGraph, OnnxGraph> {
    }

    private HeadTraining() {
    }

    static FinetunedModel run(String providerId, Options options, TrainingOptions training, SourceModel source,
            Dataset data, Surgery surgery, Map<String, Predicate<String>> groups, Map<String, Double> rates,
            ProviderContext context) {
        if (source.inputs().size() != 1) {
            throw new InvalidInputException(providerId + " needs a source model with one input; "
                    + source.name() + " has " + source.inputs().size());
        }
        String input = source.inputs().getFirst().name();
        ExampleSet examples = SourceExamples.of(data, source.preprocessor(), input, training.batchSize(),
                context.progress());
        long[] shape = new long[examples.exampleShape().length + 1];
        shape[0] = -1;
        System.arraycopy(examples.exampleShape(), 0, shape, 1, examples.exampleShape().length);
        OnnxGraph graph = surgery.apply(OnnxGraph.load(source.onnxFile()).withInputShape(input, shape));
        TrainingSetup setup = TrainingSetup.of(training.toOptimizer()).withGroups(groups)
                .withTrainBatchNorm(training.batchStatistics());
        GraphTrainer.Result r = GraphTrainer.train(graph, examples, setup,
                training.config(rates, context.seed(), context.progress()), context);
        return new FinetunedModel(providerId, options, data.classes(), r.trained(), input,
                Preprocessing.describe(source.preprocessor(), input, examples.exampleShape()), source.preprocessor(),
                false, r.history(), context);
    }
}
