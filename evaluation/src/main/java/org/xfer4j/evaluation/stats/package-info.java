/** Summaries of study runs and paired significance tests between methods (Wilcoxon signed-rank, paired bootstrap). */
package org.xfer4j.evaluation.stats;
