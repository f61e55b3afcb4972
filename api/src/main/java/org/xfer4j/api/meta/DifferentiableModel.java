package org.xfer4j.api.meta;

import org.xfer4j.api.data.Dataset;
import org.xfer4j.api.repurpose.Predictions;

/** A model whose loss on labelled data can be differentiated with respect to its parameters. */
public interface DifferentiableModel extends AutoCloseable {

    /** The parameters it starts from. */
    Parameters initialParameters();

    /** Mean loss over {@code batch} at {@code parameters}, with its gradient. */
    LossAndGradient lossAndGradient(Parameters parameters, Dataset batch);

    /** Class probabilities at {@code parameters}. */
    Predictions predict(Parameters parameters, Dataset data);

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
