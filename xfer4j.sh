#!/usr/bin/env bash
# Xfer4j from a source checkout: sets the machine up (JDK 25, system libraries), builds once, then
#   ./xfer4j.sh quickstart      runs the built-in default job (few-shot spam detection on a real text encoder)
#   ./xfer4j.sh test            runs every test (what CI runs)
#   ./xfer4j.sh <cli args...>   runs the xfer4j command line, e.g. ./xfer4j.sh repurpose --help
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

say() { printf '\033[1m[xfer4j]\033[0m %s\n' "$*" >&2; }

find_jdk25() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    if "$c/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then echo "$c"; return 0; fi
  done
  return 1
}

# Debian packages the build and tests use: OpenBLAS for Smile's LAPACK, Fashion-MNIST, Node/npm for the TF.js
# reference cross-check (Xfer4j fetches npm packages itself), Python references for the cross-checks. Installed only where missing (needs root, as on CI).
ensure_packages() {
  local need=() p
  for p in libopenblas-dev dataset-fashion-mnist fonts-noto-core fonts-freefont-ttf fonts-dejavu-core fonts-dejavu-extra graphviz python3-torch python3-onnx python3-sklearn; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  command -v npm >/dev/null 2>&1 || need+=(npm)
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      say "missing system packages: ${need[*]} (run as root or: sudo apt-get install ${need[*]})"; exit 1
    fi
    say "installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

setup() {
  JAVA_HOME=$(find_jdk25) || { say "JDK 25 not found: install Temurin 25 or set JAVA_HOME to a JDK 25"; exit 1; }
  export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  ensure_packages
}

dist_dir="$here/dist/target/xfer4j"

build_dist() {
  local newest
  newest=$(find . -path ./dist/target -prune -o \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$dist_dir/lib" -print -quit 2>/dev/null || true)
  if [ ! -x "$dist_dir/bin/xfer4j" ] || [ -n "$newest" ]; then
    say "building the distribution (first run fetches dependencies; later runs are quick)"
    mvn -B -q -DskipTests package
  fi
}

cmd=${1:-quickstart}
setup
case "$cmd" in
  test)
    shift || true
    mvn -B verify "$@"
    ;;
  *)
    build_dist
    exec "$dist_dir/bin/xfer4j" "$@"
    ;;
esac
