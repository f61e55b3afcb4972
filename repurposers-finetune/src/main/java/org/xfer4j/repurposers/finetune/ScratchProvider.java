package org.xfer4j.repurposers.finetune;

import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.runtime.onnx.graph.Init;

/**
 * {@code scratch}: the baseline that answers how much transfer buys. The same architecture as {@code finetune} (the
 * source graph up to the transfer layer under a new dense head) with every parameter drawn afresh (He, seeded), all
 * trained at one learning rate on the same data.
 */
public final class ScratchProvider extends TrainingProvider<ScratchOptions> {

    public ScratchProvider() {
        super("scratch", "trains finetune's architecture from random initialisation (the no-transfer baseline)",
                ScratchOptions.class, ScratchOptions.DEFAULTS, ScratchOptions::parse);
    }

    @Override
    public RepurposedModel repurpose(SourceModel source, Dataset training, Options options, ProviderContext context) {
        ScratchOptions o = typed(options);
        String layer = o.transferLayer().isEmpty() ? source.defaultFeatureLayer() : o.transferLayer();
        int classes = training.classes().size();
        HeadTraining.Surgery surgery = g -> Heads.attach(
                g.truncateAfter(layer).reinitialise(l -> true, Init.HE, context.seed()), classes, context.seed(), source.pooling());
        return HeadTraining.run(id(), o, o.training(), source, training, surgery,
                HeadTraining.uniform(o.learningRate()), HeadTraining.Extras.NONE, context);
    }
}
