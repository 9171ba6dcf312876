#!/usr/bin/env bash
# One process per invocation, as go build runs the assembler: for each Go release, the median
# wall time of that release's own asm binary and of bin/goasm following it (GOASM_GO), runs
# alternating, on a small example, on the release's amd64enc.s and on the release's two largest
# amd64 .s files of the standard library. bin/goasm is timed twice: as users run it (the native
# client handing the invocation to the warm resident server) and in-process (GOASM_SERVER=off:
# a JVM per invocation, with the JDK 25 AOT cache when bin/goasm has made one). Then `goasm run`
# of a tiny program, and `go build -a` of a program with assembly in its dependencies with Go's
# assembler and with -toolexec 'bin/goasm toolexec'. Prints Markdown tables.
# usage: bench/per-invocation.sh [RUNS] [1.N ...]     (default 11 runs, every installed release)
# env:   BUILD_RELEASES="1.27" (releases for the go build comparison; "" skips it), BUILD_RUNS=3
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-11}; shift || true
releases=${*:-1.15 1.19 1.21 1.22 1.23 1.24 1.26 1.27}
build_releases=${BUILD_RELEASES-1.27}
build_runs=${BUILD_RUNS:-3}
goasm="$root/bin/goasm"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$goasm" version >/dev/null   # builds the jar, the client, the digest if needed, outside the timings
"$goasm" server start >/dev/null

# Milliseconds (one decimal) that a command takes; no process is started to read the clock.
ms() {
  local s=$EPOCHREALTIME e
  "$@" >/dev/null 2>&1 || true
  e=$EPOCHREALTIME
  awk -v s="$s" -v e="$e" 'BEGIN {printf "%.1f\n", (e - s) * 1000}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v g="$2" 'BEGIN {printf "%.2fx", a / g}'; }
# The two largest amd64 assembly files of a release's standard library (not test data).
largest() { find -L "$1/src" -name '*_amd64.s' -not -path '*/testdata/*' -printf '%s %p\n' | sort -rn | head -2 | cut -d' ' -f2; }

echo "| release | input | lines | Go's asm (ms) | goasm, client + server (ms) | ratio | goasm in-process (ms) | ratio |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for v in $releases; do
  goroot=/usr/lib/go-$v
  [ -x "$goroot/pkg/tool/linux_amd64/asm" ] || { echo "| $v | (not installed) | | | | | | |"; continue; }
  for input in "$root/examples/printnl_amd64.s" "$goroot/src/cmd/asm/internal/asm/testdata/amd64enc.s" $(largest "$goroot"); do
    pkg=main
    case "$input" in "$goroot"/src/*) pkg=$(dirname "${input#"$goroot"/src/}"); pkg=${pkg#vendor/} ;; esac
    [ "$pkg" = "cmd/asm/internal/asm/testdata" ] && pkg=main
    args=(asm -p "$pkg" -I "$goroot/pkg/include" -o "$out/x.o" "$input")
    # The server's compiler warms up on this input before anything is timed.
    for _ in $(seq 20); do GOASM_GO=$v GOROOT=$goroot "$goasm" "${args[@]}" >/dev/null 2>&1 || true; done
    go_times=(); client_times=(); jvm_times=()
    for _ in $(seq "$runs"); do
      go_times+=("$(GOROOT=$goroot ms "$goroot/pkg/tool/linux_amd64/asm" "${args[@]:1}")")
      client_times+=("$(GOASM_GO=$v GOROOT=$goroot ms "$goasm" "${args[@]}")")
      jvm_times+=("$(GOASM_SERVER=off GOASM_GO=$v GOROOT=$goroot ms "$goasm" "${args[@]}")")
    done
    g=$(printf '%s\n' "${go_times[@]}" | median)
    c=$(printf '%s\n' "${client_times[@]}" | median)
    j=$(printf '%s\n' "${jvm_times[@]}" | median)
    echo "| $v | $(basename "$input") | $(wc -l <"$input") | $g | $c | $(ratio "$c" "$g") | $j | $(ratio "$j" "$g") |"
  done
done

echo
echo "| goasm run examples/run/printnl_amd64.s | median (ms) |"
echo "|---|---:|"
program="$root/examples/run/printnl_amd64.s"
for _ in $(seq 20); do "$goasm" run "$program" >/dev/null 2>&1 || true; done
client_times=(); jvm_times=()
for _ in $(seq "$runs"); do
  client_times+=("$(ms "$goasm" run "$program")")
  jvm_times+=("$(GOASM_SERVER=off ms "$goasm" run "$program")")
done
echo "| client + server | $(printf '%s\n' "${client_times[@]}" | median) |"
echo "| in-process (GOASM_SERVER=off) | $(printf '%s\n' "${jvm_times[@]}" | median) |"

[ -n "$build_releases" ] || exit 0
# go build -a (everything rebuilt, a fresh GOCACHE each time) of a program whose dependencies
# hold assembly (runtime, crypto/sha256, math/big, strings) and which has a .s file of its own.
mkdir -p "$out/prog"
printf 'module example.com/bench\n\ngo 1.15\n' >"$out/prog/go.mod"
cat >"$out/prog/main.go" <<'GO'
package main

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"strings"
)

func add(a, b int64) int64

func main() {
	fmt.Printf("%x\n", sha256.Sum256([]byte("abc")))
	fmt.Println(big.NewInt(1).Lsh(big.NewInt(1), 100), strings.ToUpper("go"), add(2, 3))
}
GO
printf '#include "textflag.h"\n\nTEXT ·add(SB),NOSPLIT,$0-24\n\tMOVQ a+0(FP), AX\n\tADDQ b+8(FP), AX\n\tMOVQ AX, ret+16(FP)\n\tRET\n' >"$out/prog/add_amd64.s"
gobuild() {  # gobuild GOROOT [toolexec flag...]
  local goroot=$1; shift
  rm -rf "$out/cache"; mkdir -p "$out/cache"
  (cd "$out/prog" && env -u GOFLAGS GOROOT="$goroot" PATH="$goroot/bin:$PATH" GOCACHE="$out/cache" \
    GOTOOLCHAIN=local GO111MODULE=on CGO_ENABLED=0 "$goroot/bin/go" build -a -trimpath -o "$out/prog.bin" "$@" .)
}
echo
echo "| release | go build -a, Go's asm (s) | with -toolexec 'goasm toolexec' (s) | ratio |"
echo "|---|---:|---:|---:|"
for v in $build_releases; do
  goroot=/usr/lib/go-$v
  [ -x "$goroot/bin/go" ] || { echo "| $v | (not installed) | | |"; continue; }
  gobuild "$goroot" -toolexec "$goasm toolexec" >/dev/null 2>&1 || true   # warms the server
  go_times=(); goasm_times=()
  for _ in $(seq "$build_runs"); do
    go_times+=("$(ms gobuild "$goroot")")
    goasm_times+=("$(ms gobuild "$goroot" -toolexec "$goasm toolexec")")
  done
  g=$(printf '%s\n' "${go_times[@]}" | median); a=$(printf '%s\n' "${goasm_times[@]}" | median)
  echo "| $v | $(awk -v x="$g" 'BEGIN {printf "%.2f", x / 1000}') | $(awk -v x="$a" 'BEGIN {printf "%.2f", x / 1000}') | $(ratio "$a" "$g") |"
done
