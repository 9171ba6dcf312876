#!/usr/bin/env bash
# Installs the Go 1.19 oracle (Debian's golang-1.19-go and golang-1.19-src) when it is missing.
# Afterwards: /usr/lib/go-1.19/bin/go, with sources and test data under /usr/lib/go-1.19/src.
set -euo pipefail
if [ -x /usr/lib/go-1.19/bin/go ] && [ -f /usr/lib/go-1.19/src/cmd/asm/internal/asm/testdata/amd64enc.s ]; then
  exit 0
fi
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq golang-1.19-go golang-1.19-src >/dev/null
/usr/lib/go-1.19/bin/go version
