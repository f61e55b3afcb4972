package org.xfer4j.repurposers.finetune;

import java.nio.file.Path;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * {@code finetune}: the source graph up to a transfer layer, a new dense head for the target classes, everything
 * trained, the transferred layers at a smaller learning rate than the head (at 0 they stay frozen, and their output
 * is computed once per example). Text encoders pool their sequence output as their features are pooled, and can
 * train their blocks at layer-wise decaying rates, or only the top ones.
 */
public final class FinetuneProvider extends TrainingProvider<FinetuneOptions> {

    public FinetuneProvider() {
        super("finetune",
                "fine-tunes the source graph up to a transfer layer under a new dense head (own learning rates)",
                FinetuneOptions.class, FinetuneOptions.DEFAULTS, FinetuneOptions::parse);
    }

    @Override
    public RepurposedModel repurpose(SourceModel source, Dataset training, Options options, ProviderContext context) {
        FinetuneOptions o = typed(options);
        String layer = o.transferLayer().isEmpty() ? source.defaultFeatureLayer() : o.transferLayer();
        int classes = training.classes().size();
        HeadTraining.Surgery surgery = g -> {
            OnnxGraph start = o.init().isEmpty() ? g : MetaInitialisation.apply(g, Path.of(o.init()), source.name());
            var headed = Heads.attach(start.truncateAfter(layer), classes, context.seed(), source.pooling());
            if (o.transferLearningRate() == 0) {
                return headed.freeze(l -> !l.parameters().stream().allMatch(Heads::isHead));
            }
            return EncoderLayers.of(headed).trainTop(headed, o.trainLayers());
        };
        return HeadTraining.run(id(), o, o.training(), source, training, surgery,
                g -> EncoderLayers.of(g).plan(o.headLearningRate(), o.transferLearningRate(), o.layerDecay()),
                new HeadTraining.Extras(o.maxLength(), o.clipNorm(), o.cachePrefix()), context);
    }
}
