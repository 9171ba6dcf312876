#!/usr/bin/env bash
# Large inputs, goasm against a release's asm: user+system CPU seconds and peak memory per process.
#   bench/large-inputs.sh [RELEASE]      (default 1.27; builds the jar if needed)
# The inputs are generated into a temporary directory: a 1 MiB decimal and a 1 MiB hex
# immediate, 100,000 and 200,000 DATA lines, 80,000 labels each with two jumps.
set -euo pipefail
release="${1:-1.27}"
root="$(cd "$(dirname "$0")/.." && pwd)"
go_asm="/usr/lib/go-$release/pkg/tool/linux_amd64/asm"
[ -x "$go_asm" ] || { echo "Go $release is not installed: run .ci/install-go.sh $release" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys, os
w = sys.argv[1]
def write(name, text):
    with open(os.path.join(w, name), 'w') as f:
        f.write(text)
write('decimal.s', 'TEXT ·f(SB),0,$0\n\tMOVQ $' + '9' * (1 << 20) + ', AX\n\tRET\n')
write('hex.s', 'TEXT ·f(SB),0,$0\n\tMOVQ $0x' + 'f' * (1 << 20) + ', AX\n\tRET\n')
for n in (100000, 200000):
    write('data%dk.s' % (n // 1000), ''.join('DATA ·s+%d(SB)/8, $%d\n' % (8 * i, i) for i in range(n))
          + 'GLOBL ·s(SB),0,$%d\n' % (8 * n))
n = 80000
write('labels.s', 'TEXT ·f(SB),0,$0\n' + ''.join('l%d:\n\tJMP l%d\n\tJEQ l0\n' % (i, i + 1) for i in range(n))
      + 'l%d:\n\tRET\n' % n)
PY
"$root/bin/goasm" version >/dev/null
printf '%-12s %-22s %-22s\n' input "goasm (cpu s, MB)" "go $release (cpu s, MB)"
for f in decimal hex data100k data200k labels; do
  /usr/bin/time -o "$work/g.time" -f '%U %S %M' env GOASM_GO="$release" "$root/bin/goasm" asm -p main \
    -o "$work/a.o" "$work/$f.s" >/dev/null 2>&1 || true
  /usr/bin/time -o "$work/o.time" -f '%U %S %M' "$go_asm" -p main -o "$work/b.o" "$work/$f.s" >/dev/null 2>&1 || true
  g="$(tail -1 "$work/g.time")"
  o="$(tail -1 "$work/o.time")"
  fmt() { awk '{printf "%.2f s, %d MB", $1 + $2, $3 / 1024}'; }
  printf '%-12s %-22s %-22s\n' "$f" "$(echo "$g" | fmt)" "$(echo "$o" | fmt)"
done
