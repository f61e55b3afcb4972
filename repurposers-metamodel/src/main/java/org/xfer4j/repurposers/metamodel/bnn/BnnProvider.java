package org.xfer4j.repurposers.metamodel.bnn;

import java.util.Arrays;
import org.xfer4j.api.Options;
import org.xfer4j.api.ProviderContext;
import org.xfer4j.api.feature.FeatureSet;
import org.xfer4j.api.repurpose.FeatureClassifier;
import org.xfer4j.api.repurpose.PayloadReader;
import org.xfer4j.repurposers.metamodel.internal.MetaModelProvider;
import org.xfer4j.repurposers.metamodel.internal.Standardizer;

/**
 * The {@code bnn} meta-model: a Bayesian neural network (one or two hidden layers, mean-field Gaussian weights)
 * over standardised features, trained by variational inference and predicting by Monte Carlo averaging.
 *
 * <p>Why plain Java rather than the ONNX training engine: a step of these networks is a few small matrix products
 * (minibatch 32, one hidden layer of 64) plus elementwise work over every weight (noise, softplus, KL, Adam), so
 * the per-call cost of a runtime session and the copies across the native boundary (batch, noise and parameters in,
 * gradients out) outweigh the arithmetic. Measured side by side ({@code bench/README.md}, "bnn: training step"):
 * the same objective built as an ONNX graph, differentiated by the training engine and run by ONNX Runtime takes
 * 1.7x (384 bge features, 2 classes) to 4.2x (1280 MobileNetV2 features, 10 classes) the time per step of this
 * implementation, whose float64 BLAS products (Smile) and closed-form gradients (checked against finite
 * differences in its tests) stay in the JVM.
 */
public final class BnnProvider extends MetaModelProvider<BnnOptions> {

    /** Mixed into the seed for the prediction draws, so they do not repeat the training noise. */
    private static final long PREDICTION_STREAM = 0x5DEECE66DL;

    public BnnProvider() {
        super("bnn", "Bayesian neural network (mean-field Gaussian weights, variational inference with KL "
                + "annealing, Monte Carlo predictions) on standardised features", BnnOptions.class,
                BnnOptions.DEFAULTS, BnnOptions::parse);
    }

    @Override
    protected FeatureClassifier fitTyped(FeatureSet training, BnnOptions options, ProviderContext context) {
        Standardizer standardizer = Standardizer.fit(training.features());
        double[] x = standardizer.transform(training.features());
        Architecture arch = Architecture.of(standardizer.width(), options, training.classes().size());
        double[] theta = new BnnTrainer(options, context.seed(), context.progress())
                .fit(arch, x, training.labels());
        int count = arch.parameterCount();
        long predictionSeed = Noise.generator(context.seed() ^ PREDICTION_STREAM).nextLong();
        return new BnnClassifier(training.classes(), standardizer, arch, Arrays.copyOf(theta, count),
                Arrays.copyOfRange(theta, count, 2 * count), options.samples(), predictionSeed);
    }

    @Override
    public FeatureClassifier load(PayloadReader payload, Options options) {
        return BnnClassifier.load(payload);
    }
}
