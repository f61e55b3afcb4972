/** Training-engine benchmarks: training-step throughput against PyTorch, and frozen-prefix caching. */
package org.xfer4j.bench.training;
