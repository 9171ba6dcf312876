#!/usr/bin/env bash
# What explain's recording costs the assembler: the same files assembled in one JVM by two builds
# (this tree and another, e.g. main before explain existed), and explained by this one.
#   bench/explain/overhead.sh [OTHER_CLASSES_DIR]
# OTHER_CLASSES_DIR: target/classes of another checkout (built with `mvn -q compile`).
# JAVA and JAVAC name a JDK 21+ when the default one is older.
set -euo pipefail
cd "$(dirname "$0")/../.."
java=${JAVA:-java}
javac=${JAVAC:-javac}
inc=/usr/lib/go-1.27/pkg/include
files=(examples/frames_amd64.s examples/stackcheck_amd64.s examples/pseudoregs_amd64.s examples/leaves_amd64.s
       examples/returns_amd64.s examples/basics_amd64.s examples/textflags_amd64.s examples/branches_amd64.s
       /usr/lib/go-1.27/src/crypto/internal/fips140/nistec/p256_asm_amd64.s
       /usr/lib/go-1.27/src/math/big/arith_amd64.s /usr/lib/go-1.27/src/crypto/internal/fips140/aes/aes_amd64.s)
mvn -B -q compile >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/explain-bench.classpath >/dev/null
deps=$(cat target/explain-bench.classpath)
out=$(mktemp -d)
"$javac" -d "$out" -cp "target/classes:$deps" bench/explain/Overhead.java
for round in 1 2 3; do
  if [ -n "${1:-}" ]; then
    nice "$java" -cp "$1:$deps:$out" Overhead asm "$inc" 20 40 "${files[@]}" | sed 's/^/other /'
  fi
  nice "$java" -cp "target/classes:$deps:$out" Overhead asm "$inc" 20 40 "${files[@]}" | sed 's/^/this  /'
  nice "$java" -cp "target/classes:$deps:$out" Overhead explain "$inc" 20 40 "${files[@]}" | sed 's/^/this  /'
done
