#!/usr/bin/env bash
# Records the assembler corpus of one Go release: every `asm` run that the release's own
# `go build -a` makes for amd64 on each GOOS of GOOS_LIST (default linux), one folder per run, each
# standing alone (see tools/corpus/README.md). linux builds `std cmd`, every other GOOS `std` (cmd
# does not build everywhere). Up to RECORD_JOBS (default 2) systems are built at once. The cases of
# the systems recorded replace their earlier cases in OUTDIR; other systems' cases stay.
# GO_RELEASE (default 1.27, the newest) is the release, installed at /usr/lib/go-GO_RELEASE
# (GO_ROOT overrides the place); its exact version ("go1.27.3") is written to OUTDIR/go-version,
# which the checker reads to know whose assembler to compare with.
# RECORD_RAW=DIR keeps go build's raw runs in DIR/GOOS (and reuses those already there instead of
# building again).
# usage: [GO_RELEASE=1.27] [GOOS_LIST="linux windows ..."] [RECORD_JOBS=2] [RECORD_RAW=DIR] tools/corpus/record.sh OUTDIR
set -euo pipefail
out=${1:?usage: [GO_RELEASE=1.27] [GOOS_LIST=...] record.sh OUTDIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
release=${GO_RELEASE:-1.27}
goroot=${GO_ROOT:-/usr/lib/go-$release}
goos_list=${GOOS_LIST:-linux}
jobs=${RECORD_JOBS:-2}
[ -x "$goroot/bin/go" ] || { echo "record.sh: Go $release is needed at $goroot (run .ci/install-go.sh $release)" >&2; exit 1; }
# The exact version: the first word of VERSION's first line (later lines carry the build time).
version=$(head -n1 "$goroot/VERSION" 2>/dev/null | awk '{print $1}')
[ -n "$version" ] || version=$("$goroot/bin/go" version | awk '{print $3}')
case "$version" in
  "go$release" | "go$release".*) ;;
  *) echo "record.sh: $goroot holds $version, not Go $release" >&2; exit 1 ;;
esac
ports=$("$goroot/bin/go" tool dist list)
for goos in $goos_list; do
  grep -qx "$goos/amd64" <<<"$ports" || { echo "record.sh: $goos/amd64 is not a Go $release port" >&2; exit 1; }
done
# Debian installs the sources at /usr/share/go-V/src with /usr/lib/go-V/src a link to them: go
# build may name either, so case names strip both.
src_real=$(cd "$goroot/src" && pwd -P)

mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ -f "$out/go-version" ] && [ "$(cat "$out/go-version")" != "$version" ]; then
  echo "record.sh: $out holds the corpus of $(cat "$out/go-version"), not of $version" >&2; exit 1
fi
work=$(mktemp -d /tmp/goasm-corpus-record.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
raw_root=${RECORD_RAW:-$work/raw}
mkdir -p "$raw_root"; raw_root=$(cd "$raw_root" && pwd)

# One go build for one GOOS into $raw_root/GOOS (one folder per assembler run, complete only once
# the build succeeded), with its own fresh GOCACHE. Everything Go reads from the environment is
# pinned, so the corpus is the same on every machine.
build_one() {
  local goos=$1 targets=std
  [ "$goos" = linux ] && targets="std cmd"
  [ -d "$raw_root/$goos" ] && return 0
  local raw="$work/$goos.raw" cache="$work/$goos.cache" log="$work/$goos.log"
  mkdir -p "$raw" "$cache"
  if ! env -u GOFLAGS -u GOAMD64 -u GOEXPERIMENT -u GOPATH -u GOWORK \
      PATH="$goroot/bin:$PATH" GOROOT="$goroot" GOOS="$goos" GOARCH=amd64 CGO_ENABLED=0 GO111MODULE= \
      GOCACHE="$cache" GOPROXY=off GOTOOLCHAIN=local ASM_CORPUS_RAW="$raw" \
      go build -a -toolexec "$here/toolexec-record.sh" $targets > "$log" 2>&1; then
    echo "record.sh: go build for $goos failed:" >&2; head -n 20 "$log" >&2; return 1
  fi
  chmod -R u+w "$cache"; rm -rf "$cache"
  mv "$raw" "$raw_root/$goos"
}

# One case per run, named by GOOS, package folder and (for an assembly run) source file, so that
# re-recording gives the same names: linux.runtime.asm_amd64.s, windows.runtime.symabis.
add_cases() {
  local goos=$1 run kind dir name case_dir
  rm -rf "$out/$goos".*
  for run in "$raw_root/$goos"/*; do
    kind=asm
    grep -qx -- '-gensymabis' "$run/args" && kind=symabis
    dir=$(cat "$run/cwd"); dir=${dir#"$goroot/src/"}; dir=${dir#"$src_real/"}; dir=$(printf '%s' "$dir" | tr '/' '_')
    if [ $kind = asm ]; then name="$goos.$dir.$(basename "$(tail -n1 "$run/args")")"; else name="$goos.$dir.symabis"; fi
    while [ -e "$out/$name" ]; do name="$name+"; done
    case_dir="$out/$name"; mkdir -p "$case_dir"
    echo "$kind" > "$case_dir/kind"
    cp "$run/cwd" "$run/env" "$case_dir/"
    [ -d "$run/inc" ] && cp -r "$run/inc" "$case_dir/inc"
    # $WORK/bNNN (go build's per-package folder) becomes the case's own inc folder; -o goes to
    # whatever output folder the checker picks. @CASE@ and @OUT@ are filled in at check time.
    awk '
      prev=="-o" { n=split($0, parts, "/"); print "@OUT@/" parts[n]; prev=$0; next }
      { line=$0; gsub(/\/tmp\/go-build[0-9]+\/b[0-9]+/, "@CASE@/inc", line); print line; prev=$0 }
    ' "$run/args" > "$case_dir/args"
    if grep -q 'go-build[0-9]' "$case_dir/args"; then
      echo "record.sh: $name still names go build's work folder:" >&2; grep 'go-build' "$case_dir/args" >&2; return 1
    fi
  done
  local total asm
  total=$(ls -d "$out/$goos".* | wc -l)
  asm=$(grep -lx asm "$out/$goos".*/kind | wc -l)
  echo "$goos: $total cases ($asm asm, $((total-asm)) symabis)"
}

# The builds, RECORD_JOBS at a time; each system that built gets its cases even if another failed.
failed=""
pids=(); names=()
for goos in $goos_list; do
  build_one "$goos" & pids+=($!); names+=("$goos")
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
done
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}" && [ -d "$raw_root/${names[$i]}" ]; then add_cases "${names[$i]}"; else failed="$failed ${names[$i]}"; fi
done
echo "$version" > "$out/go-version"
echo "$(find "$out" -mindepth 1 -maxdepth 1 -type d -not -name ".*" | wc -l) cases of $version in $out ($SECONDS s)"
if [ -n "$failed" ]; then echo "record.sh: not recorded:$failed" >&2; exit 1; fi
