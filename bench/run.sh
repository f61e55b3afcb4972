#!/usr/bin/env bash
# Runs a bench main class on the class path: bench/run.sh <main class> [args...]
# Extra JVM options (e.g. a smaller heap) go in BENCH_JAVA_OPTS; they come last, so they win.
# The class path goes through an @argfile: ONNX Runtime crashes when the java command line exceeds ~4 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
# the Python references (Debian's torch 1.13, torchvision, onnx, scikit-learn): installed here when missing
if ! /usr/bin/python3 -c 'import torch, torchvision, onnx, sklearn' 2>/dev/null; then
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    export DEBIAN_FRONTEND=noninteractive
    PKGS="python3-torch python3-torchvision python3-onnx python3-sklearn"
    $SUDO apt-get install -y --no-install-recommends $PKGS >/dev/null \
        || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y --no-install-recommends $PKGS >/dev/null; }
fi
# bench is the reactor's last module, so its class path is the file's final content; the djl profile adds DJL's
# PyTorch engine and libtorch (Maven Central) for the training bench's Java anchor
mvn -B -q -pl bench -am -Pdjl package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
printf -- '-cp bench/target/classes:%s\n' "$(cat bench/target/classpath.txt)" > bench/target/java.args
exec java -Xss8m -Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    ${BENCH_JAVA_OPTS:-} @bench/target/java.args "$@"
