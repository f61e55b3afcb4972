/**
 * Pieces the meta-model repurposers share: feature standardisation and input checks, an L-BFGS minimiser, and
 * the payload layout of class names. Not exported.
 */
package org.xfer4j.repurposers.metamodel.internal;
