/** Golden artifacts of every meta-model method: saved once in artifact format 1, loaded and predicted forever after. */
package org.xfer4j.repurposers.metamodel.golden;
