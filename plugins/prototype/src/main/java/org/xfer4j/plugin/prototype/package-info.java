/**
 * The "prototype" repurposing method: each class is represented by the mean of its training features (its
 * prototype), and an example's class probabilities fall off with its squared distance to each prototype.
 */
package org.xfer4j.plugin.prototype;
