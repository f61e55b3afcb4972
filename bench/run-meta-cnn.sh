#!/usr/bin/env bash
# Time per meta-step of first- and second-order MAML on the few-shot CNN (cnn:1x28:4x32:5, 5-way 1-shot, 5 queries,
# 4 tasks per step, 5 inner SGD steps): Xfer4j (EpisodeMetaBench) and the PyTorch 1.13 reference
# (meta/cnn_reference.py), alternating rounds in one run, one intra-op thread each; fomaml with its default
# batchNorm=support and with fixed statistics, maml with its default (fixed) and with support statistics.
# Usage: bench/run-meta-cnn.sh [metaSteps] [rounds]   (defaults 3 2)
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-3}"
ROUNDS="${2:-2}"
OUT=bench/results/meta-cnn
mkdir -p "$OUT"
: > "$OUT/lines.txt"
for round in $(seq 1 "$ROUNDS"); do
    bench/run.sh org.xfer4j.bench.meta.EpisodeMetaBench "$STEPS" fomaml,fomaml:fixed,maml,maml:support threads=1 | tee -a "$OUT/lines.txt"
    /usr/bin/python3 bench/meta/cnn_reference.py "$STEPS" fomaml,fomaml:fixed,maml,maml:support threads=1 | tee -a "$OUT/lines.txt"
done
uptime | tee -a "$OUT/lines.txt"
