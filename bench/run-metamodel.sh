#!/usr/bin/env bash
# Meta-model benchmark: the same feature splits fitted by Xfer4j's lr/svm/gp (Java) and scikit-learn 1.2.1 in one
# run; prints a markdown table of accuracy differences and fit-time ratios (copied into bench/README.md).
# Datasets: scikit-learn's iris, wine, breast cancer, digits, and bge-small-en-v1.5 features of the SpamAssassin
# subjects (exported once by SubjectFeatureExport into bench/target, with the product's own 70/30 split).
# Usage: bench/run-metamodel.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"
OUT=bench/results/metamodel
SPAM=bench/target/bge-spam-subjects.csv
PY=/usr/bin/python3

[ -f "$SPAM" ] || bench/run.sh org.xfer4j.bench.features.SubjectFeatureExport "$SPAM"
rm -rf "$OUT" && mkdir -p "$OUT"
"$PY" bench/metamodel/sklearn_bench.py prepare "$OUT" --extra "bge_spam_subjects=$SPAM"
# One side after the other, each with the whole machine (NumPy's BLAS threads and Smile's alike).
bench/run.sh org.xfer4j.bench.metamodel.MetamodelBench "$OUT" "$REPEATS"
"$PY" bench/metamodel/sklearn_bench.py fit "$OUT" --repeats "$REPEATS"
"$PY" bench/metamodel/sklearn_bench.py table "$OUT" | tee "$OUT/table.md"
# Few-shot draws of the spam subjects: accuracy and calibration with 5, 10, 50 examples per class.
bench/run.sh org.xfer4j.bench.metamodel.FewShotCalibration "$OUT" bge_spam_subjects | tee "$OUT/few-shot.md"
# Smile's own estimators (LogisticRegression, SVM in OneVersusOne) beside ours on the same splits.
bench/run.sh org.xfer4j.bench.metamodel.SmileSideBySide "$OUT" "$REPEATS" | tee "$OUT/smile.md"
