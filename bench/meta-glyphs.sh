#!/usr/bin/env bash
# 5-way episodes on the glyph set (each character of 50 alphabets a class, drawn from Debian's fonts): reptile and
# fomaml meta-train the few-shot CNN on 1-shot episodes of the 30 background alphabets, side by side; meta-test then
# compares each meta-learned initialisation with random initialisation and joint pre-training on 600 test episodes
# of the 20 evaluation alphabets (5 queries per class), 1-shot and 5-shot, after 0..5 SGD steps.
# Usage: bench/meta-glyphs.sh [xfer4j launcher] [out dir] [meta-steps]
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-glyphs}
STEPS=${3:-600}
NET=cnn:1x28:2x16:5
mkdir -p "$OUT"
"$B" data glyphs --sheet "$OUT/glyphs-sheet.png"   # draws the set once (about a minute), then it is cached
declare -A OUTER=([reptile]=0.5 [fomaml]=0.001)
for M in reptile fomaml; do
  INIT="$OUT/$M-5way-1shot.xfer"
  RESUME=()
  [[ -f "$INIT" ]] && RESUME=(--resume)   # an interrupted run goes on from its last checkpoint
  "$B" meta-train --method "$M" --net "$NET" --tasks episodes:glyphs --ways 5 --shots 1 --queries 5 \
    -o metaSteps="$STEPS" -o metaBatch=4 -o innerSteps=5 -o innerLr=0.1 -o outerLr="${OUTER[$M]}" \
    -o checkpointEvery=100 --out "$INIT" "${RESUME[@]}" > "$OUT/$M-train.log" 2>&1 &
done
wait
for K in 1 5; do
  for M in reptile fomaml; do
    "$B" meta-test --init "$OUT/$M-5way-1shot.xfer" --shots "$K" --queries 5 --episodes 600 --pretrain-steps 300 \
      --out "$OUT/$M-test-5way-${K}shot" > "$OUT/$M-test-5way-${K}shot.log" 2>&1 &
  done
  wait
done
tail -n 9 "$OUT"/*-test-5way-*shot.log
