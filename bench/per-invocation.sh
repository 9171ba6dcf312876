#!/usr/bin/env bash
# One assembler process per invocation, as go build runs it: for each Go release, the median wall
# time of that release's own asm binary and of bin/goasm following it (GOASM_GO), on a small
# example and on the release's amd64enc.s, runs alternating. Prints a Markdown table.
# usage: bench/per-invocation.sh [RUNS] [1.N ...]     (default 5 runs, every installed release)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}; shift || true
releases=${*:-1.15 1.19 1.21 1.22 1.23 1.24 1.26 1.27}
goasm="$root/bin/goasm"
"$goasm" version >/dev/null   # builds the jar if needed, outside the timings
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "| release | input | Go's asm (ms) | goasm (ms) | ratio |"
echo "|---|---|---:|---:|---:|"
for v in $releases; do
  goroot=/usr/lib/go-$v
  [ -x "$goroot/pkg/tool/linux_amd64/asm" ] || { echo "| $v | (not installed) | | | |"; continue; }
  for input in "$root/examples/printnl_amd64.s" "$goroot/src/cmd/asm/internal/asm/testdata/amd64enc.s"; do
    args=(-p main -I "$goroot/pkg/include" -o "$out/x.o" "$input")
    go_times=(); goasm_times=()
    for _ in $(seq "$runs"); do
      go_times+=("$(GOROOT=$goroot ms "$goroot/pkg/tool/linux_amd64/asm" "${args[@]}")")
      goasm_times+=("$(GOASM_GO=$v ms "$goasm" asm "${args[@]}")")
    done
    g=$(printf '%s\n' "${go_times[@]}" | median); a=$(printf '%s\n' "${goasm_times[@]}" | median)
    echo "| $v | $(basename "$input") | $g | $a | $(awk -v a="$a" -v g="$g" 'BEGIN {printf "%.0fx", a / g}') |"
  done
done
