#!/usr/bin/env bash
# Compares goasm with Go's assembler on every case of a recorded corpus (record.sh), both following
# the release that recorded it (the corpus's go-version; --go 1.N to choose; Go 1.19 for a corpus
# without one): same -S listing, diagnostics, exit status, object and symabis file. Go's results
# are cached in the corpus, so a second run only runs goasm (in one JVM).
# usage: tools/corpus/check.sh CORPUS_DIR [--go 1.N] [--only SUBSTRING] [--report DIR]
# Exit status 0 when every case is identical.
set -euo pipefail
corpus=${1:?usage: check.sh CORPUS_DIR [--go 1.N] [--only SUBSTRING] [--report DIR]}; shift
source "$(dirname "${BASH_SOURCE[0]}")/java.sh"
build_classes
exec "$java" -Xss16m -cp "$classpath" goasm.corpus.CorpusCheck "$corpus" "$@"
