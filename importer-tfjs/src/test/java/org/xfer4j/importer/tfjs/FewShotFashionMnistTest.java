package org.xfer4j.importer.tfjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xfer4j.api.Device;
import org.xfer4j.api.Progress;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.feature.ExtractionOptions;
import org.xfer4j.api.feature.FeatureMatrix;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.model.SourceModel;
import org.xfer4j.data.image.FashionMnist;
import org.xfer4j.data.split.Splits;
import org.xfer4j.repurposers.metamodel.lr.LrProvider;
import org.xfer4j.runtime.onnx.feature.OnnxFeatureExtractor;

/**
 * The classic transfer case end to end on real images: MobileNetV2's 1280-d pooled features (flatten_1) of
 * Fashion-MNIST, logistic regression trained on a few labelled images per class, accuracy on 300 held-out test
 * images (30 per class; chance is 0.1).
 */
@Tag("network")
@Tag("debian")
class FewShotFashionMnistTest {

    @Test
    void logisticRegressionOnMobileNetV2FeaturesLearnsFashionMnistFromFewImages() {
        ProviderContext ctx = new ProviderContext(TfjsReference.CACHE, Device.CPU, 2, 42, Progress.NONE);
        Dataset train = FashionMnist.train(ctx.cacheDir());
        Dataset test = FashionMnist.test(ctx.cacheDir());
        int[] fifty = Splits.perClass(train.labels(), IntStream.range(0, train.size()).toArray(), 50, 42);
        int[] held = Splits.perClass(test.labels(), IntStream.range(0, test.size()).toArray(), 30, 7);
        try (SourceModel model = new TfjsModelSource().open("mobilenet-v2", ctx);
                OnnxFeatureExtractor ex = new OnnxFeatureExtractor(model, new ExtractionOptions(50, 1), ctx)) {
            FeatureSet shots = new FeatureSet(ex.extract(train.subset(fifty), List.of(), Progress.NONE),
                    train.subset(fifty).labels(), train.classes());
            FeatureMatrix xTest = ex.extract(test.subset(held), List.of(), Progress.NONE);
            int[] truth = test.subset(held).labels();
            int[] ten = Splits.perClass(shots.labels(), IntStream.range(0, shots.size()).toArray(), 10, 42);
            // measured with lr's defaults (C = 1): 10 per class 0.62, 50 per class 0.77
            assertThat(accuracy(shots.select(ten), xTest, truth, ctx)).isGreaterThanOrEqualTo(0.55);
            assertThat(accuracy(shots, xTest, truth, ctx)).isGreaterThanOrEqualTo(0.69);
        }
    }

    private static double accuracy(FeatureSet training, FeatureMatrix xTest, int[] truth, ProviderContext ctx) {
        LrProvider lr = new LrProvider();
        int[] predicted = lr.fit(training, lr.defaultOptions(), ctx).predict(xTest).labels();
        long right = IntStream.range(0, truth.length).filter(i -> predicted[i] == truth[i]).count();
        return right / (double) truth.length;
    }
}
