/**
 * Task distributions over labelled datasets: class-disjoint meta-train / meta-validation / meta-test class splits
 * and N-way K-shot episodes whose labels are remapped to 0..N-1 per episode.
 */
package org.xfer4j.meta.tasks;
