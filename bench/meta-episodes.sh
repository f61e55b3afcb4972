#!/usr/bin/env bash
# 5-way episodes on the 20-class MNIST + Fashion-MNIST set (10/5/5 classes, split seed 42): for each K, Reptile
# meta-trains the few-shot CNN (4 blocks of 32 filters) on 5-way K-shot episodes for 600 meta-steps; meta-test then
# compares that initialisation with random initialisation and joint pre-training on 600 test episodes of the held-out
# classes with the same K shots (15 queries per class), after 0..5 SGD steps. Each test uses the initialisation
# meta-trained on the shots it tests.
# Usage: bench/meta-episodes.sh [xfer4j launcher] [out dir] [shots, default "1 5"]   (heap: XFER4J_OPTS, default -Xmx2g)
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-episodes}
SHOTS=${3:-1 5}
export XFER4J_OPTS=${XFER4J_OPTS:--Xmx2g}
mkdir -p "$OUT"
for K in $SHOTS; do
  INIT="$OUT/reptile-5way-${K}shot.xfer"
  RESUME=()
  [[ -f "$INIT" ]] && RESUME=(--resume)   # an interrupted run goes on from its last checkpoint
  "$B" meta-train --method reptile --net cnn:1x28:4x32:5 --tasks episodes:mnist+fashion --ways 5 --shots "$K" \
    --queries 5 -o metaSteps=600 -o metaBatch=4 -o innerSteps=5 -o innerLr=0.1 -o outerLr=0.5 \
    -o checkpointEvery=100 --out "$INIT" "${RESUME[@]}"
  "$B" meta-test --init "$INIT" --shots "$K" --queries 15 --episodes 600 --pretrain-steps 500 \
    --out "$OUT/test-5way-${K}shot"
done
