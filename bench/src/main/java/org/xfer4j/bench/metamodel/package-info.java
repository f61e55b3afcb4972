/**
 * The Java side of the meta-model benchmark: fits lr, svm and gp on the feature splits the scikit-learn script
 * prepared, so both sides see the same data in the same run.
 */
package org.xfer4j.bench.metamodel;
