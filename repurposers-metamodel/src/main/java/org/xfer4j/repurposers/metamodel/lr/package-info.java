/**
 * The "lr" repurposer: multinomial logistic regression with an L2 penalty on standardised features, fitted by
 * L-BFGS (binary problems use one weight vector, as scikit-learn does).
 */
package org.xfer4j.repurposers.metamodel.lr;
