#!/usr/bin/env bash
# The long hostile-input campaign: generated inputs run by a release's asm and by goasm, compared.
#   tools/fuzz/run.sh [RELEASE] [INPUTS]
#   tools/fuzz/run.sh 1.27 5000        # 5000 inputs against Go 1.27's asm
#   tools/fuzz/run.sh "" 2000          # 2000 inputs, each against one of the releases
# Inputs are random (a new sample each run). Each input that differs is printed in full (its
# files and command line, enough to reproduce it), and the counts per verdict at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
release="${1:-}"
tries="${2:-1000}"
exec nice mvn -B -q test -Dtest=FuzzCampaign -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgoasm.fuzz.release="$release" -Djqwik.tries.default="$tries" \
  -Djqwik.reporting.onlyfailures=true
