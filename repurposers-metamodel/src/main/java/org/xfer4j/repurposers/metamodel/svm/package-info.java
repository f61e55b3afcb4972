/**
 * The "svm" repurposer: support vector machines with a linear kernel (dual coordinate descent) or an RBF kernel
 * (SMO with second-order working-set selection), one-vs-one over pairs of classes, with Platt-scaled
 * pairwise probabilities fitted on cross-validated decision values and coupled into class probabilities.
 */
package org.xfer4j.repurposers.metamodel.svm;
