#!/usr/bin/env bash
# Times `goasm vet std` against the same release's `go vet -asmdecl -framepointer` over the same
# packages (the std packages with amd64 assembly, as goasm vet -v lists them), three ways:
#   cold:      go vet with an empty build cache (it type-checks every dependency first)
#   reanalyse: build cache warm, vet run again with another vet setting (the analysis itself)
#   cached:    the same command again (go vet answers from its cache)
# usage: bench/vet-std.sh 1.27   (prints one line per measurement: label, elapsed s, user+sys s)
set -euo pipefail
release="${1:?usage: bench/vet-std.sh 1.N}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
goroot="/usr/lib/go-$release"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
measure() { # label command...
  local label="$1"; shift
  /usr/bin/time -f "$label %e %U %S" -o "$scratch/time" "$@" > "$scratch/out" 2>&1 || true
  awk '{printf "%-28s %8.2f s elapsed %8.2f s cpu\n", $1, $2, $3 + $4}' "$scratch/time"
}
"$root/bin/goasm" version > /dev/null   # builds the jar if needed, outside the measurement
GOASM_GO="$release" "$root/bin/goasm" vet -v std 2>&1 | sed -n 's/^vet: \([^:]*\): .* functions checked.*/\1/p' > "$scratch/pkgs"
echo "go$release: $(wc -l < "$scratch/pkgs") std packages with amd64 assembly"
flags=(-asmdecl -framepointer)
[ "$release" = "1.15" ] && flags=(-asmdecl)   # 1.15's vet has no framepointer analyzer
cd "$goroot/src"
measure "goasm-vet-std" env GOASM_GO="$release" "$root/bin/goasm" vet std
measure "go-vet-cold" env GOCACHE="$scratch/cache" "$goroot/bin/go" vet "${flags[@]}" $(cat "$scratch/pkgs")
measure "go-vet-reanalyse" env GOCACHE="$scratch/cache" "$goroot/bin/go" vet "${flags[@]}" -printfuncs=benchmarkonly $(cat "$scratch/pkgs")
measure "go-vet-cached" env GOCACHE="$scratch/cache" "$goroot/bin/go" vet "${flags[@]}" -printfuncs=benchmarkonly $(cat "$scratch/pkgs")
