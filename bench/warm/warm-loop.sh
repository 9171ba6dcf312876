#!/usr/bin/env bash
# Warm assembly in one JVM (the resident server's case), this tree against another build,
# alternating: bench/warm/warm-loop.sh OTHER_CLASSES_DIR [RELEASE] [INPUT] [RUNS] [ROUNDS]
# OTHER_CLASSES_DIR: target/classes of another checkout (`git archive REV | tar -x -C DIR`,
# then `mvn -q -o compile` there). JFR=1 also records a profile per build (warm-*.jfr;
# `jfr view hot-methods FILE`). JAVA and JAVAC name a JDK 21+ when the default one is older.
set -euo pipefail
cd "$(dirname "$0")/../.."
java=${JAVA:-java}
javac=${JAVAC:-javac}
other=$1
release=${2:-1.27}
input=${3:-/usr/lib/go-$release/src/cmd/asm/internal/asm/testdata/amd64enc.s}
runs=${4:-300}
rounds=${5:-3}
mvn -B -q compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/warm-loop.classpath >/dev/null
deps=$(cat target/warm-loop.classpath)
out=$(mktemp -d)
"$javac" -d "$out" -cp "target/classes:$deps" bench/warm/WarmLoop.java
for round in $(seq "$rounds"); do
  for build in other this; do
    classes=target/classes
    [ "$build" = other ] && classes=$other
    jfr=()
    [ -n "${JFR:-}" ] && jfr=(-Xlog:jfr+startup=error -XX:StartFlightRecording=filename=target/warm-$build.jfr,settings=profile)
    echo "$build $(nice "$java" -Xss1g "${jfr[@]}" -cp "$classes:$deps:$out" WarmLoop "$release" "$input" "$runs")" \
         "(load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
