#!/usr/bin/env bash
# Second-order MAML against first-order MAML on 5-way episodes of the 20-class MNIST + Fashion-MNIST set (10/5/5
# classes, split seed 42): for K = 1 and K = 5, each method meta-trains the few-shot CNN (4 blocks of 32 filters) on
# 5-way K-shot episodes (5 queries per class, 4 tasks per meta-step, 5 inner SGD steps at 0.1, outer Adam 0.001 for
# both), all four runs side by side, each under /usr/bin/time -v (peak resident memory in <out>/<method>-<K>shot.time);
# meta-test then adapts each initialisation on 600 test episodes of the held-out classes with the shots it was
# meta-trained on (15 queries per class), after 0..5 SGD steps at 0.1, against random initialisation and joint
# pre-training (500 SGD steps of 64 images at 0.05 on all meta-train images).
# An interrupted run goes on from its last checkpoint (every 50 meta-steps) when started again.
# Usage: bench/meta-episodes-maml.sh [xfer4j launcher] [out dir] [meta-steps]   (heap: XFER4J_OPTS, default -Xmx2g)
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-episodes-maml}
STEPS=${3:-50}
export XFER4J_OPTS=${XFER4J_OPTS:--Xmx2g}
mkdir -p "$OUT"
run() {   # method, shots: meta-train, then meta-test on the same shots
  local M=$1 K=$2 INIT="$OUT/$1-5way-$2shot.xfer" RESUME=()
  [[ -f "$INIT" ]] && RESUME=(--resume)
  /usr/bin/time -v -o "$OUT/$M-${K}shot.time" "$B" meta-train --method "$M" --net cnn:1x28:4x32:5 \
    --tasks episodes:mnist+fashion --ways 5 --shots "$K" --queries 5 -o metaSteps="$STEPS" -o metaBatch=4 \
    -o innerSteps=5 -o innerLr=0.1 -o outerLr=0.001 -o checkpointEvery=50 --out "$INIT" "${RESUME[@]}" \
    > "$OUT/$M-${K}shot.log" 2>&1
  "$B" meta-test --init "$INIT" --shots "$K" --queries 15 --episodes 600 --pretrain-steps 500 \
    --out "$OUT/$M-test-5way-${K}shot" > "$OUT/$M-test-${K}shot.log" 2>&1
  grep -E 'Elapsed|Maximum resident' "$OUT/$M-${K}shot.time" | sed "s/^/$M $K-shot: /"
}
for K in 1 5; do
  for M in maml fomaml; do run "$M" "$K" & done
done
wait
