/** Hyper-parameter search and temperature scaling of the built-in meta-models on real datasets. */
package org.xfer4j.repurposers.metamodel.tuning;
