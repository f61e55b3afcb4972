#!/usr/bin/env bash
# Runs a bench main class on the class path: bench/run.sh <main class> [args...]
# Extra JVM options (e.g. a smaller heap) go in BENCH_JAVA_OPTS; they come last, so they win.
# The class path goes through an @argfile: ONNX Runtime crashes when the java command line exceeds ~4 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
# bench is the reactor's last module, so its class path is the file's final content
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile="$PWD/bench/target/classpath.txt"
printf -- '-cp bench/target/classes:%s\n' "$(cat bench/target/classpath.txt)" > bench/target/java.args
exec java -Xss8m -Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    ${BENCH_JAVA_OPTS:-} @bench/target/java.args "$@"
