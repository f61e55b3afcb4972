#!/usr/bin/env bash
# Spark extraction figures (bench/README.md, "Spark"): builds the spark module and runs SparkExtractionBench on its
# test class path, with -Xss8m as the CLI's launcher has (the single-process contestant prefetches on plain
# threads). Arguments: [rows [repetitions]] (default 600 3).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
mvn -B -q -DskipTests test-compile dependency:build-classpath -pl spark -am -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/spark-bench.classpath >/dev/null
opens=$(grep -o -- '--add-opens=[^ ]*' spark/pom.xml | tr '\n' ' ')
uptime
# shellcheck disable=SC2086
java -Xmx3g -Xss8m --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow $opens \
    -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
    -cp "spark/target/test-classes:spark/target/classes:$(cat spark/target/spark-bench.classpath)" \
    org.xfer4j.spark.SparkExtractionBench "$@" 2>&1 | grep -v ' WARN \| INFO '
uptime
