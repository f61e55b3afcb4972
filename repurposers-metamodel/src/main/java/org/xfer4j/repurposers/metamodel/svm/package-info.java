/**
 * The "svm" repurposer: support vector machines with a linear kernel (dual coordinate descent) or an RBF kernel
 * (SMO with second-order working-set selection), one-vs-rest over classes, with Platt-scaled probabilities fitted
 * on cross-validated decision values.
 */
package org.xfer4j.repurposers.metamodel.svm;
