/**
 * The "gp" repurposer: a sparse Gaussian-process classifier. The kernel sums one RBF per feature layer block, each
 * with its own lengthscale and variance; inducing points from seeded k-means make the prior a Bayesian linear model
 * over m features (the DTC approximation), one-vs-rest binary problems get a Laplace approximation, the kernel
 * hyperparameters maximise the approximate marginal likelihood, and probabilities come from the probit
 * approximation of the predictive integral.
 */
package org.xfer4j.repurposers.metamodel.gp;
