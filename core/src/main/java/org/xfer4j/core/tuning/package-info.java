/**
 * Hyper-parameter optimisation of feature methods: search requests parsed from {@code key=auto} style options,
 * seeded stratified cross-validation on the training part, random search and Bayesian optimisation (a Gaussian-process
 * surrogate with expected improvement) at a fixed budget of evaluations, and the trace of every evaluation.
 */
package org.xfer4j.core.tuning;
