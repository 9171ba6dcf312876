#!/usr/bin/env bash
# Runs one assembler once per assembly case of a corpus, each in its own process, with the
# arguments go build gave it (the "once per file" baseline of docs/PERFORMANCE.md).
#   go     Go 1.19's asm binary
#   goasm  goasm's jar, started as bin/goasm starts it (GOASM_JAR, default target/goasm.jar)
# usage: tools/corpus/run-each.sh CORPUS_DIR go|goasm
set -uo pipefail
corpus=$(cd "${1:?usage: run-each.sh CORPUS_DIR go|goasm}" && pwd); tool=${2:?go or goasm}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case $tool in
  go) cmd=(/usr/lib/go-1.19/pkg/tool/linux_amd64/asm) ;;
  goasm)
    source "$here/java.sh"
    cmd=("$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "${GOASM_JAR:-$build/goasm.jar}" asm) ;;
  *) echo "tool must be go or goasm" >&2; exit 2 ;;
esac
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export GOROOT=/usr/lib/go-1.19
# Only builtins between runs (and env, for the case's recorded GOOS/GOARCH): on some machines
# every extra fork costs as much as a run.
for c in "$corpus"/*/; do
  c=${c%/}
  read -r kind < "$c/kind"
  [ "$kind" = asm ] || continue
  read -r cwd < "$c/cwd"
  mapfile -t args < "$c/args"
  args=("${args[@]//@CASE@/$c}"); args=("${args[@]//@OUT@/$out}")
  envs=(); [ -f "$c/env" ] && mapfile -t envs < "$c/env"
  cd "$cwd" && env -u GOOS -u GOARCH -u GOAMD64 -u GOEXPERIMENT "${envs[@]}" "${cmd[@]}" "${args[@]}" >/dev/null 2>&1
done
exit 0
