package org.xfer4j.repurposers.metamodel.svm;

import java.util.List;

/**
 * Trains one binary SVM on a subset of the training examples and scores training examples with it; the models of
 * all pairwise problems then become one {@link Decision}.
 *
 * @param <M> the trained binary model
 */
interface BinaryTrainer<M> {

    /** Trains on the examples {@code members} (training-set indices); {@code positive[t]} labels member t. */
    M train(int[] members, boolean[] positive);

    /** The decision value of training example {@code index} (positive side above 0). */
    double decision(M model, int index);

    /** The decision function of the final models, one per pairwise problem. */
    Decision assemble(List<M> models);
}
