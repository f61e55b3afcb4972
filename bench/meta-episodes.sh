#!/usr/bin/env bash
# 5-way 1-shot and 5-shot episodes on the 20-class MNIST + Fashion-MNIST set (10/5/5 classes, split seed 42):
# Reptile meta-trains the few-shot CNN (4 blocks of 32 filters) for 1,000 meta-steps, then meta-test compares the
# meta-learned initialisation with random initialisation and joint pre-training on 600 test episodes of the held-out
# classes (15 queries per class), after 0..5 SGD steps. Usage: bench/meta-episodes.sh [xfer4j launcher] [out dir]
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-episodes}
mkdir -p "$OUT"
for K in 1 5; do
  INIT="$OUT/reptile-5way-${K}shot.xfer"
  RESUME=()
  [[ -f "$INIT" ]] && RESUME=(--resume)   # an interrupted run goes on from its last checkpoint
  "$B" meta-train --method reptile --net cnn:1x28:4x32:5 --tasks episodes:mnist+fashion --ways 5 --shots "$K" \
    --queries 5 -o metaSteps=1000 -o metaBatch=4 -o innerSteps=5 -o innerLr=0.1 -o outerLr=0.5 \
    -o checkpointEvery=100 --out "$INIT" "${RESUME[@]}"
  "$B" meta-test --init "$INIT" --queries 15 --episodes 600 --pretrain-steps 500 --out "$OUT/test-5way-${K}shot"
done
