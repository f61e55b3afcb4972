/**
 * Side-by-side timing for the benchmarks: contestants run in rounds with the order rotating, wall and process-CPU
 * time recorded per round, so ratios hold up while other work shares the machine.
 */
package org.xfer4j.bench.timing;
