#!/usr/bin/env bash
# Second-order MAML against first-order MAML on 5-way episodes of the 20-class MNIST + Fashion-MNIST set (10/5/5
# classes, split seed 42): each meta-trains the few-shot CNN (4 blocks of 32 filters) on 1-shot episodes (5 queries
# per class, 4 tasks per meta-step, 5 inner SGD steps at 0.1, outer Adam 0.001 for both) side by side, under /usr/bin/time -v
# (peak resident memory in <out>/<method>.time); meta-test then adapts each initialisation on 600 test episodes of the
# held-out classes (15 queries per class), 1-shot and 5-shot, after 0..5 SGD steps at 0.1.
# Usage: bench/meta-episodes-maml.sh [xfer4j launcher] [out dir] [meta-steps]
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-episodes-maml}
STEPS=${3:-50}
mkdir -p "$OUT"
for M in maml fomaml; do
  /usr/bin/time -v -o "$OUT/$M.time" "$B" meta-train --method "$M" --net cnn:1x28:4x32:5 \
    --tasks episodes:mnist+fashion --ways 5 --shots 1 --queries 5 -o metaSteps="$STEPS" -o metaBatch=4 \
    -o innerSteps=5 -o innerLr=0.1 -o outerLr=0.001 -o checkpointEvery=50 --out "$OUT/$M-5way-1shot.xfer" > "$OUT/$M.log" 2>&1 &
done
wait
for M in maml fomaml; do
  grep -E 'Elapsed|Maximum resident' "$OUT/$M.time"
  for K in 1 5; do
    "$B" meta-test --init "$OUT/$M-5way-1shot.xfer" --shots "$K" --queries 15 --episodes 600 --pretrain-steps 0 \
      --out "$OUT/$M-test-5way-${K}shot"
  done
done
