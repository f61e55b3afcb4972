/**
 * Meta-testing: adapt an initialisation to held-out tasks step by step and score each step on the query sets, with
 * the baselines a meta-learned initialisation must beat (random initialisation, joint training on the meta-train
 * classes).
 */
package org.xfer4j.meta.eval;
