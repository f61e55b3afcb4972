/** The {@code finetune} and {@code random-freeze} repurposers, their options and the models they produce. */
package org.xfer4j.repurposers.finetune;
