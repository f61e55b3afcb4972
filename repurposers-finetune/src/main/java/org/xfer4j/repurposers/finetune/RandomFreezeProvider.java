package org.xfer4j.repurposers.finetune;

import java.util.HashSet;
import java.util.Set;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.api.repurpose.RepurposedModel;
import org.xfer4j.runtime.onnx.graph.Init;
import org.xfer4j.runtime.onnx.graph.OnnxGraph;

/**
 * {@code random-freeze}: drop the top layers of the source, add a new dense head, freeze a named set of layers,
 * re-initialise (He, seeded) another, train the rest at one learning rate. Freezing everything ({@code freeze=*})
 * trains the head alone on features computed once per example.
 */
public final class RandomFreezeProvider extends TrainingProvider<RandomFreezeOptions> {

    public RandomFreezeProvider() {
        super("random-freeze",
                "drops top layers, adds a new head, freezes and re-initialises named layers, trains the rest",
                RandomFreezeOptions.class, RandomFreezeOptions.DEFAULTS, RandomFreezeOptions::parse);
    }

    @Override
    public RepurposedModel repurpose(SourceModel source, Dataset training, Options options, ProviderContext context) {
        RandomFreezeOptions o = typed(options);
        int classes = training.classes().size();
        HeadTraining.Surgery surgery = g -> {
            OnnxGraph cut = g.dropTop(o.dropTop());
            Set<String> reinit = names(cut, o.reinitialise().toArray(String[]::new));
            OnnxGraph fresh = cut.reinitialise(l -> reinit.contains(l.name()), Init.HE, context.seed());
            OnnxGraph headed = Heads.attach(fresh, classes, context.seed(), source.pooling());
            return o.freezesAll() ? headed.freeze(l -> !l.parameters().stream().allMatch(Heads::isHead))
                    : headed.freeze(o.freeze().toArray(String[]::new));
        };
        return HeadTraining.run(id(), o, o.training(), source, training, surgery,
                HeadTraining.uniform(o.learningRate()), HeadTraining.Extras.NONE, context);
    }

    /** The layer names, checked against the graph (an unknown name is an error listing the layers). */
    private static Set<String> names(OnnxGraph g, String... layers) {
        Set<String> s = new HashSet<>();
        for (String l : layers) {
            s.add(g.layer(l).name());
        }
        return s;
    }
}
