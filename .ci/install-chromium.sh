#!/usr/bin/env bash
# Installs Debian's chromium, in which the tests render `goasm explain --html` pages headless
# (screenshot and DOM). Does nothing when chromium is already on the PATH.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
command -v chromium
