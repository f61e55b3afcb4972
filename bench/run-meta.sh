#!/usr/bin/env bash
# Sine-wave meta-learning: Xfer4j's learners (SineMetaBench) and the PyTorch 1.13 reference (meta/sine_reference.py)
# on the same net, tasks and hyper-parameters, alternating rounds in one run; prints each side's lines and a table of
# time ratios and test MSEs (copied into bench/README.md).
# Usage: bench/run-meta.sh [metaSteps] [methods] [rounds] [key=value ...]   (defaults 3000 reptile,fomaml,maml,leap 2)
# Options go to both sides: support=N (points per meta-training task), any learner option, and method.key=value for
# one method only, e.g. reptile.support=50 reptile.innerBatch=5 (the bench/README.md table's settings).
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-3000}"
METHODS="${2:-reptile,fomaml,maml,leap}"
ROUNDS="${3:-2}"
shift $(( $# < 3 ? $# : 3 ))
OUT=bench/results/meta
mkdir -p "$OUT"
: > "$OUT/lines.txt"
for round in $(seq 1 "$ROUNDS"); do
    bench/run.sh org.xfer4j.bench.meta.SineMetaBench "$STEPS" "$METHODS" "$@" | tee -a "$OUT/lines.txt"
    /usr/bin/python3 bench/meta/sine_reference.py "$STEPS" "$METHODS" "$@" | tee -a "$OUT/lines.txt"
done
/usr/bin/python3 bench/meta/table.py "$OUT/lines.txt" | tee "$OUT/table.md"
