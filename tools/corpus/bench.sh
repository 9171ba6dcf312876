#!/usr/bin/env bash
# Times the corpus's assembly runs (see docs/PERFORMANCE.md):
#   go       Go's assembler of the release that recorded the corpus, one process per case
#   inproc   goasm, every case in one JVM: a cold pass then warm passes
#   process  goasm, one JVM per case, as bin/goasm starts it
# usage: tools/corpus/bench.sh CORPUS_DIR [go|inproc|process|all] [--passes N] [--csv FILE]
set -euo pipefail
corpus=${1:?usage: bench.sh CORPUS_DIR [go|inproc|process|all] [--passes N] [--csv FILE]}
mode=${2:-all}; shift; [ $# -gt 0 ] && shift
source "$(dirname "${BASH_SOURCE[0]}")/java.sh"
build_classes
(cd "$root" && mvn -B -q -DskipTests -Dgoasm.buildDir="$build" package >&2)
run() {
  echo "== $1"
  "$java" -Xss16m -Dgoasm.buildDir="$build" -cp "$classpath" goasm.corpus.CorpusBench "$corpus" "$@"
}
if [ "$mode" = all ]; then
  run go "$@"; run inproc "$@"; run process --passes 1
else
  run "$mode" "$@"
fi
