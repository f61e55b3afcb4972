#!/usr/bin/env bash
# Meta-model benchmark: the same feature splits fitted by Xfer4j's lr/svm/gp (Java) and scikit-learn 1.2.1 in one
# run; prints a markdown table of accuracy differences and fit-time ratios (copy it into bench/README.md).
# Usage: bench/run-metamodel.sh [repeats] [NAME=features.csv ...]   (extra CSVs: header, features..., integer label)
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS="${1:-5}"; shift || true
OUT=bench/results/metamodel
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PY=/usr/bin/python3
EXTRA=()
for spec in "$@"; do EXTRA+=(--extra "$spec"); done

rm -rf "$OUT" && mkdir -p "$OUT"
"$PY" bench/metamodel/sklearn_bench.py prepare "$OUT" "${EXTRA[@]}"
mvn -B -q -o -pl bench -am install -DskipTests
mvn -B -q -o -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/classpath.txt" >/dev/null
# One core each would be unfair to NumPy's BLAS threads, so both sides get the machine; run them one after the other.
"$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED \
  -cp "bench/target/classes:$(cat "$OUT/classpath.txt")" org.xfer4j.bench.metamodel.MetamodelBench "$OUT" "$REPEATS"
"$PY" bench/metamodel/sklearn_bench.py fit "$OUT" --repeats "$REPEATS"
"$PY" bench/metamodel/sklearn_bench.py table "$OUT" | tee "$OUT/table.md"
