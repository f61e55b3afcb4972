package org.xfer4j.api.meta;

import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.data.Tensor;
import org.xfer4j.api.repurpose.Predictions;

/** A model whose loss on labelled data can be differentiated with respect to its parameters. */
public interface DifferentiableModel extends AutoCloseable {

    /** The parameters it starts from. */
    Parameters initialParameters();

    /** The loss {@link #lossAndGradient} computes (since SPI 1.1; cross-entropy unless the model says otherwise). */
    default LossKind lossKind() {
        return LossKind.CROSS_ENTROPY;
    }

    /**
     * Mean loss over {@code batch} at {@code parameters}, with its gradient; for {@link LossKind#SQUARED_ERROR} the
     * batch is a {@link org.xfer4j.api.data.TargetDataset}.
     */
    LossAndGradient lossAndGradient(Parameters parameters, Dataset batch);

    /** Class probabilities at {@code parameters}. */
    Predictions predict(Parameters parameters, Dataset data);

    /**
     * The raw outputs at {@code parameters}, [N, outputs] row-major: real-valued predictions for regression, logits
     * for classification (since SPI 1.1).
     *
     * @throws UnsupportedOperationException where the model does not expose them
     */
    default Tensor outputs(Parameters parameters, Dataset data) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not expose its raw outputs");
    }

    /** Whether {@link #hessianVectorProduct} is available (needed by second-order MAML). */
    default boolean supportsSecondOrder() {
        return false;
    }

    /**
     * The product of the loss Hessian at {@code parameters} with {@code vector}.
     *
     * @throws UnsupportedOperationException where {@link #supportsSecondOrder()} is false
     */
    default Parameters hessianVectorProduct(Parameters parameters, Dataset batch, Parameters vector) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no second derivatives");
    }

    @Override
    void close();
}
