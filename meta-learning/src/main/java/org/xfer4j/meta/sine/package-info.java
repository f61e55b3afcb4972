/**
 * The sine-wave regression tasks of the MAML and Reptile papers, the net and data that go with them, and their
 * evaluation protocol with the random-initialisation and joint-training baselines.
 */
package org.xfer4j.meta.sine;
