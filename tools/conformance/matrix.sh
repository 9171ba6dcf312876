#!/usr/bin/env bash
# The conformance matrix: runs every conformance suite for every Go release (or those named) and
# every release's linux corpus, then prints a Markdown table release x suite with "N of M" figures
# and the command that reproduces each cell (docs/CONFORMANCE.md shows the last one measured).
#
#   tools/conformance/matrix.sh                 # every release (records missing corpora first:
#                                               #   2-5 minutes each on 2 cores)
#   tools/conformance/matrix.sh 1.15 1.27       # some releases
#   tools/conformance/matrix.sh --no-run        # only print the table of the last run
#   MATRIX_GOOS=all tools/conformance/matrix.sh 1.27   # corpora of every amd64 GOOS too
#
# Test failures do not stop it: they are the figures. The suites' own outcome lines go to
# target/conformance/test-results.tsv, the corpus figures to target/conformance/corpus-1.N.txt.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
run=1
if [ "${1:-}" = "--no-run" ]; then run=0; shift; fi
all="1.15 1.19 1.21 1.22 1.23 1.24 1.26 1.27"
releases=${*:-$all}
build=${GOASM_BUILD_DIR:-$root/target}
results="$build/conformance/test-results.tsv"
suites="ExamplesConformanceTest,GoSuiteListingTest,EncoderSuitesTest,FlagsConformanceTest,ObjectFileConformanceTest,TargetOsTest,GoEnvironmentTest,JumpChainTest,SystemsConformanceTest,CommandLineConformanceTest,BadInputTest,ExplainAgainstGoListingTest,DifferentialRunTest,ReleaseRuntimeFactsTest,FaultReportTest,LinkCheckTest,GuestReachTest,FaultFactsTest,ToolexecBuildTest,StdlibCorpusTest"

if [ "$run" = 1 ]; then
  mkdir -p "$build/conformance"
  rm -f "$results" "$build"/conformance/corpus-*.txt "$build"/conformance/toolexec-*.txt
  start=$SECONDS
  mvn -B -q test -Dtest="$suites" -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
    -Dgoasm.buildDir="$build" -Dgoasm.testResults="$results" \
    -Dgoasm.corpusReleases="$releases" -Dgoasm.toolexecReleases="$releases" \
    -Dgoasm.corpusGoos="${MATRIX_GOOS:-linux}" >&2 || true
  echo "matrix: tests ran in $((SECONDS - start)) s" >&2
fi
echo "Conformance matrix, $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (uncommitted changes)'):"
echo
# shellcheck disable=SC2086
python3 "$root/tools/conformance/matrix.py" "$build/conformance" "$results" $releases
