#!/usr/bin/env bash
# Records the assembler corpus: every `asm` run that Go 1.19's `go build -a std cmd` makes for
# linux/amd64, one folder per run, each standing alone (see tools/corpus/README.md).
# usage: tools/corpus/record.sh OUTDIR
set -euo pipefail
out=${1:?usage: record.sh OUTDIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
goroot=${GOROOT_119:-/usr/lib/go-1.19}
[ -x "$goroot/bin/go" ] || { echo "record.sh: Go 1.19 is needed at $goroot (run .ci/install-go119.sh)" >&2; exit 1; }

rm -rf "$out"; mkdir -p "$out"
out=$(cd "$out" && pwd)
raw="$out/.raw"; mkdir -p "$raw"
cache=$(mktemp -d /tmp/goasm-corpus-gocache.XXXXXX)
trap 'chmod -R u+w "$cache" 2>/dev/null; rm -rf "$cache" "$raw"' EXIT

# Everything Go reads from the environment is pinned, so the corpus is the same on every machine.
env -u GOFLAGS -u GOAMD64 -u GOEXPERIMENT -u GOPATH -u GOWORK \
  PATH="$goroot/bin:$PATH" GOROOT="$goroot" GOOS=linux GOARCH=amd64 CGO_ENABLED=0 GO111MODULE= \
  GOCACHE="$cache" GOPROXY=off GOTOOLCHAIN=local ASM_CORPUS_RAW="$raw" \
  go build -a -toolexec "$here/toolexec-record.sh" std cmd

# One case per run, named by package folder (and source file for an assembly run) so that
# re-recording gives the same names: runtime.asm_amd64.s, runtime.symabis, cmd_dist.vfp_default.s.
n=0
for run in "$raw"/*; do
  kind=asm
  grep -qx -- '-gensymabis' "$run/args" && kind=symabis
  dir=$(cat "$run/cwd"); dir=${dir#"$goroot/src/"}; dir=$(printf '%s' "$dir" | tr '/' '_')
  if [ $kind = asm ]; then name="$dir.$(basename "$(tail -n1 "$run/args")")"; else name="$dir.symabis"; fi
  while [ -e "$out/$name" ]; do name="$name+"; done
  case_dir="$out/$name"; mkdir -p "$case_dir"
  echo "$kind" > "$case_dir/kind"
  cp "$run/cwd" "$case_dir/cwd"
  [ -d "$run/inc" ] && cp -r "$run/inc" "$case_dir/inc"
  # $WORK/bNNN (go build's per-package folder) becomes the case's own inc folder; -o goes to
  # whatever output folder the checker picks. @CASE@ and @OUT@ are filled in at check time.
  awk '
    prev=="-o" { n=split($0, parts, "/"); print "@OUT@/" parts[n]; prev=$0; next }
    { line=$0; gsub(/\/tmp\/go-build[0-9]+\/b[0-9]+/, "@CASE@/inc", line); print line; prev=$0 }
  ' "$run/args" > "$case_dir/args"
  if grep -q 'go-build[0-9]' "$case_dir/args"; then
    echo "record.sh: $name still names go build's work folder:" >&2; grep 'go-build' "$case_dir/args" >&2; exit 1
  fi
  n=$((n+1))
done
echo "$n cases in $out ($(grep -lx asm "$out"/*/kind | wc -l) asm, $(grep -lx symabis "$out"/*/kind | wc -l) symabis)"
