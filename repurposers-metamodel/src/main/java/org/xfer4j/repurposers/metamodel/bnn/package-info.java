/**
 * The "bnn" repurposer: a small Bayesian neural network over extracted features. Its weights have a mean-field
 * Gaussian posterior fitted by variational inference (the reparameterisation trick, a KL term to a Gaussian prior
 * annealed in over a warm-up, minibatches, Adam); predictions average the softmax outputs of several weight draws.
 */
package org.xfer4j.repurposers.metamodel.bnn;
