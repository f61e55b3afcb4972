/** Tests of every meta-model on the smallest training sets the host lets through. */
package org.xfer4j.repurposers.metamodel.fewshot;
