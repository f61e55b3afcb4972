#!/usr/bin/env bash
# 5-way episodes on the 20-class MNIST + Fashion-MNIST set (10/5/5 classes, split seed 42): Reptile meta-trains the
# few-shot CNN (4 blocks of 32 filters) on 1-shot episodes for 600 meta-steps; meta-test then compares the
# meta-learned initialisation with random initialisation and joint pre-training on 600 test episodes of the held-out
# classes (15 queries per class), 1-shot and 5-shot, after 0..5 SGD steps.
# Usage: bench/meta-episodes.sh [xfer4j launcher] [out dir]
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-episodes}
mkdir -p "$OUT"
INIT="$OUT/reptile-5way-1shot.xfer"
RESUME=()
[[ -f "$INIT" ]] && RESUME=(--resume)   # an interrupted run goes on from its last checkpoint
"$B" meta-train --method reptile --net cnn:1x28:4x32:5 --tasks episodes:mnist+fashion --ways 5 --shots 1 \
  --queries 5 -o metaSteps=600 -o metaBatch=4 -o innerSteps=5 -o innerLr=0.1 -o outerLr=0.5 \
  -o checkpointEvery=100 --out "$INIT" "${RESUME[@]}"
for K in 1 5; do
  "$B" meta-test --init "$INIT" --shots "$K" --queries 15 --episodes 600 --pretrain-steps 500 \
    --out "$OUT/test-5way-${K}shot"
done
