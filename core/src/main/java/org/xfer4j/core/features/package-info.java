/** A disk cache of extracted feature matrices, keyed by model, layers, extraction options and dataset content. */
package org.xfer4j.core.features;
