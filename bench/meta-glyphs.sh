#!/usr/bin/env bash
# Episodes on the glyph set (each character of 50 alphabets a class, drawn from Debian's fonts), meta-training on the
# 30 background alphabets and meta-testing on 600 episodes of the 20 evaluation alphabets (5 queries per class)
# against random initialisation and joint pre-training, after 0..5 SGD steps.
# - 5 ways (default): reptile and fomaml meta-train the few-shot CNN cnn:1x28:2x16:5 on 1-shot episodes side by side;
#   each initialisation is tested 1-shot and 5-shot.
# - 20 ways (or any other N): reptile alone meta-trains cnn:1x28:2x16:N once per shot count, on the shots it is tested
#   on (1-shot, then 5-shot), one run at a time, under nice with a 2 GB heap; a run interrupted goes on from its last
#   checkpoint when the script is started again.
#   The fifth argument picks those shot counts (default "1 5"), so that each can be run with its own meta-steps.
# Usage: bench/meta-glyphs.sh [xfer4j launcher] [out dir] [meta-steps] [ways] [shots]
set -euo pipefail
B=${1:-dist/target/xfer4j/bin/xfer4j}
OUT=${2:-bench/results/meta-glyphs}
STEPS=${3:-600}
WAYS=${4:-5}
SHOTS=${5:-1 5}
PRE=()   # what the meta-train and meta-test commands run under
mkdir -p "$OUT"
"$B" data glyphs --sheet "$OUT/glyphs-sheet.png"   # draws the set once (about a minute), then it is cached

# meta-train METHOD NET SHOTS OUTER INIT: reptile/fomaml on WAYS-way episodes, resuming from INIT's checkpoint if any
train() {
  local resume=()
  [[ -f "$5" ]] && resume=(--resume)   # an interrupted run goes on from its last checkpoint
  "${PRE[@]}" "$B" meta-train --method "$1" --net "$2" --tasks episodes:glyphs --ways "$WAYS" --shots "$3" --queries 5 \
    -o metaSteps="$STEPS" -o metaBatch=4 -o innerSteps=5 -o innerLr=0.1 -o outerLr="$4" \
    -o checkpointEvery=100 --out "$5" "${resume[@]}"
}

# meta-test INIT SHOTS DIR: 600 test episodes of the evaluation alphabets, all three starts
test_init() {
  "${PRE[@]}" "$B" meta-test --init "$1" --shots "$2" --queries 5 --episodes 600 --pretrain-steps 300 --out "$3"
}

if [[ "$WAYS" == 5 ]]; then
  declare -A OUTER=([reptile]=0.5 [fomaml]=0.001)
  for M in reptile fomaml; do
    train "$M" cnn:1x28:2x16:5 1 "${OUTER[$M]}" "$OUT/$M-5way-1shot.xfer" > "$OUT/$M-train.log" 2>&1 &
  done
  wait
  for K in 1 5; do
    for M in reptile fomaml; do
      test_init "$OUT/$M-5way-1shot.xfer" "$K" "$OUT/$M-test-5way-${K}shot" > "$OUT/$M-test-5way-${K}shot.log" 2>&1 &
    done
    wait
  done
  tail -n 9 "$OUT"/*-test-5way-*shot.log
  exit 0
fi

export XFER4J_OPTS="${XFER4J_OPTS:--Xmx2g}"   # the launcher's JVM options
PRE=(/usr/bin/time -f "wall %e s, peak resident %M KB" nice)
# the output layer has one unit per way; the 4x32 CNN collapsed to chance within 500 20-way meta-steps at outer SGD 0.5
NET=cnn:1x28:2x16:$WAYS
for K in $SHOTS; do
  RUN="reptile-${WAYS}way-${K}shot"
  uptime | tee -a "$OUT/$RUN-load.txt"
  train reptile "$NET" "$K" 0.5 "$OUT/$RUN.xfer" > "$OUT/$RUN-train.log" 2>&1
  uptime | tee -a "$OUT/$RUN-load.txt"
  test_init "$OUT/$RUN.xfer" "$K" "$OUT/$RUN-test" > "$OUT/$RUN-test.log" 2>&1
  uptime | tee -a "$OUT/$RUN-load.txt"
  tail -n 10 "$OUT/$RUN-test.log"
done
