#!/usr/bin/env bash
# Transferability estimates against training: Kendall's tau between each estimator's ranking of the (model, layer)
# candidates `xfer4j rank --layers auto` picks and the ranking by lr's test accuracy, on five real tasks, with the time
# of scoring every candidate against the time of training lr on every candidate. Prints markdown tables (copied into
# bench/README.md) and writes each task's ranking report under bench/target/transferability/.
# Usage: bench/run-transferability.sh [tasks: spam,fashion,mnist,tops,footwear]
set -euo pipefail
cd "$(dirname "$0")/.."
# one OpenBLAS thread for the whole JVM (lr's products and the estimators' eigendecompositions alike): on a loaded
# 2-core machine OpenBLAS's spinning worker threads turn a 10 ms eigendecomposition into seconds
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
bench/run.sh org.xfer4j.bench.transfer.TransferabilityBench bench/target/transferability \
    "${1:-spam,fashion,mnist,tops,footwear}" | tee bench/target/transferability.md
