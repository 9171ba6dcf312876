#!/usr/bin/env bash
# Checks one Go release (default the newest, 1.27) on the corpus of every amd64 system it supports
# (its `go tool dist list`): records the systems not yet in ~/.cache/goasm (RECORD_JOBS builds at
# a time, default 2: roughly 2-5 minutes per system on 2 cores, so about half an hour for all),
# then runs StdlibCorpusTest for them. Figures per system in target/conformance/corpus-1.N.txt.
# Not part of CI: too long.
# usage: tools/conformance/all-systems.sh [1.N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
release=${1:-1.27}
goroot=/usr/lib/go-$release
[ -x "$goroot/bin/go" ] || { echo "all-systems.sh: Go $release is missing; run .ci/install-go.sh $release" >&2; exit 1; }
version=$(head -n1 "$goroot/VERSION" | awk '{print $1}')
cache=$HOME/.cache/goasm
systems=$("$goroot/bin/go" tool dist list | sed -n 's|/amd64$||p' | tr '\n' ' ')
missing=""
for goos in $systems; do
  [ -d "$cache/corpus-$version-$goos-amd64" ] || missing="$missing $goos"
done
echo "Go $version amd64 systems: $systems" >&2
if [ -n "$missing" ]; then
  work=$(mktemp -d "$cache/.all-systems.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  start=$SECONDS
  GO_RELEASE=$release GOOS_LIST="${missing# }" "$root/tools/corpus/record.sh" "$work/all"
  echo "all-systems.sh: recorded$missing in $((SECONDS - start)) s" >&2
  # One cache folder per system, as StdlibCorpusTest looks for them.
  for goos in $missing; do
    mkdir "$work/$goos"
    mv "$work/all/$goos".* "$work/$goos/"
    cp "$work/all/go-version" "$work/$goos/"
    mv "$work/$goos" "$cache/corpus-$version-$goos-amd64"
  done
fi
mvn -B -q test -Dtest=StdlibCorpusTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgoasm.corpusReleases="$release" -Dgoasm.corpusGoos=all || status=$?
cat "target/conformance/corpus-$release.txt" | sed -n '1,/^reasons/p'
exit "${status:-0}"
