package org.xfer4j.bench.meta;

import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.meta.LossKind;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.meta.nets.Nets;
import org.xfer4j.meta.tasks.ClassSplit;
import org.xfer4j.meta.tasks.EpisodeShape;
import org.xfer4j.meta.tasks.Episodes;
import org.xfer4j.runtime.onnx.image.ImagePreprocessor;
import org.xfer4j.runtime.onnx.image.ImageSpec;
import org.xfer4j.training.OnnxDifferentiableModel;

/**
 * The work the CNN meta-learning benches share with bench/meta/cnn_reference.py: 5-way 1-shot episodes (5 queries per
 * class) over the meta-train classes of mnist+fashion (split seed 42) and the few-shot CNN {@code cnn:1x28:4x32:5}.
 */
public final class CnnEpisodes {

    private CnnEpisodes() {
    }

    /** The meta-training episodes. */
    public static Episodes tasks(ProviderContext context) {
        Dataset data = DataSpecs.resolve("mnist+fashion", context.cacheDir());
        return Episodes.of(data, ClassSplit.parse(null, data.classes().size(), 5, 42), ClassSplit.Part.TRAIN,
                new EpisodeShape(5, 1, 5));
    }

    /** A fresh CNN (seed 1) on grey 28x28 images scaled to [0, 1]; the caller closes it. */
    public static OnnxDifferentiableModel model(ProviderContext context) {
        ImagePreprocessor images = new ImagePreprocessor(Nets.INPUT, new ImageSpec(28, 28, 1, 0, false, false,
                1f / 255, new float[1], new float[] {1}), 1);
        return new OnnxDifferentiableModel(Nets.parse("cnn:1x28:4x32:5", 1), images, LossKind.CROSS_ENTROPY, context);
    }
}
