/**
 * Meta-learning: learn an initialisation of a differentiable model over a distribution of tasks (Reptile, MAML,
 * Leap) so that a new task is learned in a few steps from a few examples.
 */
package org.xfer4j.api.meta;
