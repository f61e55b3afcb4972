package org.xfer4j.repurposers.finetune;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.Preprocessor;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;
import org.xfer4j.runtime.onnx.model.ModelPack;
import org.xfer4j.runtime.onnx.text.TokenizerPreprocessor;
import org.xfer4j.training.ExampleSet;
import org.xfer4j.training.GraphTrainer;
import org.xfer4j.training.TrainingSetup;

/**
 * What the fine-tuning repurposers do around their own graph surgery: prepare the examples with the source's
 * preprocessing, open the source graph at that input size, train, and wrap the result.
 */
final class HeadTraining {

    /** Operators of quantised graphs: integer arithmetic without gradients. */
    private static final Set<String> QUANTISED = Set.of("MatMulInteger", "DynamicQuantizeLinear", "QLinearMatMul",
            "ConvInteger", "QLinearConv", "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeMatMul",
            "MatMulIntegerToFloat", "QAttention");

    /** A provider's surgery: from the source graph (input size fixed) to the graph to train. */
    interface Surgery extends Function<OnnxGraph, OnnxGraph> {
    }

    /**
     * Text-model settings: the longest token sequence (0: the source's own) and the gradient-norm clip (0: none); and
     * whether a frozen prefix is cached.
     */
    record Extras(int maxLength, double clipNorm, boolean cachePrefix) {
        static final Extras NONE = new Extras(0, 0, true);
    }

    private HeadTraining() {
    }

    static FinetunedModel run(String providerId, Options options, TrainingOptions training, SourceModel source,
            Dataset data, Surgery surgery, Function<OnnxGraph, EncoderLayers.Plan> plan, Extras extras,
            ProviderContext context) {
        Preprocessor preprocessor = source.preprocessor();
        boolean owned = false;
        if (preprocessor instanceof TokenizerPreprocessor t) {
            // the model keeps its own tokenizer, so it outlives the source model it came from
            preprocessor = t.withMaxLength(extras.maxLength() > 0 ? extras.maxLength() : t.maxLength());
            owned = true;
        }
        try {
            FinetunedModel m = train(providerId, options, training, source, data, surgery, plan, extras, preprocessor,
                    owned, context);
            owned = false;
            return m;
        } finally {
            if (owned) {
                ((TokenizerPreprocessor) preprocessor).close();
            }
        }
    }

    private static FinetunedModel train(String providerId, Options options, TrainingOptions training,
            SourceModel source, Dataset data, Surgery surgery, Function<OnnxGraph, EncoderLayers.Plan> plan,
            Extras extras, Preprocessor preprocessor, boolean ownsPreprocessor, ProviderContext context) {
        ExampleSet examples = SourceExamples.of(data, preprocessor, training.batchSize(), context.progress());
        OnnxGraph graph = OnnxGraph.load(source.onnxFile());
        for (ExampleSet.Column c : examples.columns()) {
            if (!graph.inputNames().contains(c.name())) {
                throw new InvalidInputException(providerId + ": the preprocessing of " + source.name() + " gives "
                        + "input '" + c.name() + "', which the graph lacks; inputs: " + graph.inputNames());
            }
            graph = graph.withInputShape(c.name(), batchOf(c.exampleShape()));
        }
        if (examples.columns().size() != graph.inputNames().size()) {
            throw new InvalidInputException(providerId + ": " + source.name() + " has inputs " + graph.inputNames()
                    + " but its preprocessing fills " + examples.columns().stream().map(ExampleSet.Column::name)
                    .toList());
        }
        OnnxGraph trainable = surgery.apply(graph);
        refuseQuantised(trainable, source.name());
        boolean text = preprocessor instanceof TokenizerPreprocessor;
        if (text) {
            // the surgery saw the longest sequence of the data; batches come cut to their own longest
            for (ExampleSet.Column c : examples.columns()) {
                trainable = trainable.withInputShape(c.name(), -1, -1);
            }
            examples = examples.trimmingPadding();
        }
        EncoderLayers.Plan p = plan.apply(trainable);
        TrainingSetup setup = TrainingSetup.of(training.toOptimizer()).withGroups(p.groups())
                .withTrainBatchNorm(training.batchStatistics()).withClipNorm(extras.clipNorm())
                .withCachePrefix(extras.cachePrefix());
        GraphTrainer.Result r = GraphTrainer.train(trainable, examples, setup,
                training.config(p.rates(), context.seed(), context.progress()), context);
        OnnxGraph trained = r.trained();
        String input = examples.input();
        return new FinetunedModel(providerId, options, data.classes(), trained, input,
                Preprocessing.describe(preprocessor, input, examples.exampleShape()), preprocessor,
                ownsPreprocessor, r.history(), context);
    }

    private static long[] batchOf(long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = -1;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }

    /**
     * Refuses a graph whose trainable parameters feed integer (quantised) arithmetic, naming the layer and the
     * full-precision model to fine-tune instead.
     */
    private static void refuseQuantised(OnnxGraph graph, String model) {
        Set<String> reached = new HashSet<>(graph.trainableParameters());
        for (NodeProto n : graph.model().getGraph().getNodeList()) {
            if (n.getInputList().stream().anyMatch(reached::contains)) {
                if (QUANTISED.contains(n.getOpType())) {
                    ModelPack fp32 = ModelPack.ALL_MINILM_L6_V2_FP32;
                    throw new InvalidInputException(model + " is quantised: layer " + n.getName() + " ("
                            + n.getOpType() + ") computes in integers, which have no gradient, so its layers cannot "
                            + "be fine-tuned. Fine-tune a full-precision model instead, such as " + fp32.name()
                            + " (maven:" + fp32.coordinates() + "), or train only the head with -o transferLr=0");
                }
                reached.addAll(n.getOutputList());
            }
        }
    }

    /** One group of transferred parameters at {@code rate} ({@code "default"}), for providers without a head. */
    static Function<OnnxGraph, EncoderLayers.Plan> uniform(double rate) {
        return g -> new EncoderLayers.Plan(java.util.Map.of(), java.util.Map.of("default", rate));
    }
}
