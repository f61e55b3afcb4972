#!/usr/bin/env bash
# svm against scikit-learn's SVC at 5, 20 and 100 examples per class of five Brown-corpus genres (bge features):
# the same seeded draws fitted by both in one run; prints the markdown table in bench/README.md.
# Usage: bench/genres/svm-vs-svc.sh [draws] [shots]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=bench/results/svm-vs-svc
[ -f bench/target/brown-genres-train.csv ] || bench/genres/prepare.sh
bench/run.sh org.xfer4j.bench.fewshot.SvmAgainstSvc "$OUT" "${1:-20}" "${2:-5,20,100}"
/usr/bin/python3 bench/genres/svc_reference.py "$OUT"
/usr/bin/python3 bench/genres/svc_reference.py "$OUT" table | tee "$OUT/table.md"
