#!/usr/bin/env bash
# Hyper-parameter search and temperature scaling benchmark: few-shot draws of the spam-subject bge features and of
# scikit-learn's digits; lr and svm tuned by Bayesian optimisation and by random search at equal budgets, against
# their defaults, on the test parts; prints markdown tables (copied into bench/README.md).
# Usage: bench/run-tuning.sh [shots per class] [evaluations] [seeds]
set -euo pipefail
cd "$(dirname "$0")/.."
SHOTS="${1:-20}"
EVALUATIONS="${2:-20}"
SEEDS="${3:-5}"
DATA=bench/target/tuning-data
SPAM=bench/target/bge-spam-subjects.csv
[ -f "$SPAM" ] || bench/run.sh org.xfer4j.bench.features.SubjectFeatureExport "$SPAM"
[ -f "$DATA/digits.train.csv" ] || /usr/bin/python3 bench/metamodel/sklearn_bench.py prepare "$DATA" \
    --extra "bge_spam_subjects=$SPAM"
bench/run.sh org.xfer4j.bench.metamodel.TuningBench "$DATA" "$SHOTS" "$EVALUATIONS" "$SEEDS" bge_spam_subjects digits \
    | tee bench/target/tuning.md
