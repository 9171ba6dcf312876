#!/usr/bin/env bash
# go build -toolexec wrapper used by record.sh: for each real `asm` run (not the -V=full
# version query) it saves the arguments (one per line), the working folder, the environment
# variables the assembler reads (GOOS, GOARCH, GOAMD64, ... as KEY=VALUE lines, set ones only) and
# a copy of the header files in the per-package $WORK folders it includes (go_asm.h), then runs
# the tool.
tool="$1"
if [ "$(basename "$tool")" = asm ] && [ "${2:-}" != "-V=full" ]; then
  run=$(mktemp -d "$ASM_CORPUS_RAW/run.XXXXXXXX")
  pwd > "$run/cwd"
  printf '%s\n' "${@:2}" > "$run/args"
  : > "$run/env"
  for var in GOOS GOARCH GOAMD64 GOEXPERIMENT GO_EXTLINK_ENABLED GOROOT_FINAL; do
    if [ -n "${!var+set}" ]; then printf '%s=%s\n' "$var" "${!var}" >> "$run/env"; fi
  done
  prev=""
  for a in "${@:2}"; do
    if [ "$prev" = "-I" ] && [[ "$a" =~ /go-build[0-9]+/b[0-9]+/?$ ]] && [ -d "$a" ]; then
      mkdir -p "$run/inc"
      cp "$a"/*.h "$run/inc/" 2>/dev/null || true
    fi
    prev="$a"
  done
fi
exec "$@"
