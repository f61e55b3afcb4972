/**
 * The "gp" repurposer, a Gaussian-process classifier in two regimes. Up to {@code exactLimit} examples (few shots)
 * it is the exact multi-class GP: one latent function per class with the softmax likelihood under the Laplace
 * approximation (Rasmussen and Williams, section 3.5), a linear + RBF kernel on standardised features whose variances
 * and lengthscale maximise the approximate marginal likelihood under a weak hyperprior. Beyond, it is sparse: one RBF
 * per feature layer block, inducing points from seeded k-means making the prior a Bayesian linear model over m
 * features (the DTC approximation), one-vs-rest binary problems with a Laplace approximation, hyperparameters
 * maximising the approximate marginal likelihood, and probabilities from the probit approximation.
 */
package org.xfer4j.repurposers.metamodel.gp;
