#!/usr/bin/env bash
# Builds a goasm-run program with real Go 1.19 the way the differential test does (runtime
# calls pointed at main-package helpers) and prints the path of the binary.
#   bench/run/native.sh examples/run/million_amd64.s
set -euo pipefail
src="$(realpath "$1")"
dir="$(mktemp -d)"
go="${GO:-/usr/lib/go-1.19/bin/go}"
cat > "$dir/main.go" <<'GO'
package main

import (
	"runtime"
	_ "unsafe"
)

func main()

func rt_printint(v int64)        { print(v) }
func rt_printnl()                { print("\n") }
func rt_printsp()                { print(" ") }
func rt_newproc(fn func())       { go fn() }
func rt_Gosched()                { runtime.Gosched() }
func rt_GC()                     { runtime.GC() }
func rt_semacquire(addr *uint32) { sync_runtime_Semacquire(addr) }
func rt_semrelease(addr *uint32) { sync_runtime_Semrelease(addr, false, 0) }

//go:linkname sync_runtime_Semacquire sync.runtime_Semacquire
func sync_runtime_Semacquire(addr *uint32)

//go:linkname sync_runtime_Semrelease sync.runtime_Semrelease
func sync_runtime_Semrelease(addr *uint32, handoff bool, skipframes int)
GO
# Go's linker wants a Go declaration (for the argument map) of every function with arguments.
grep -h '^// go: ' "$src" | sed 's#^// go: ##' >> "$dir/main.go" || true
sed -E 's/runtime·(print[a-z]+|exit|newproc|Gosched|GC|semacquire|semrelease)\(SB\)/·rt_\1(SB)/g' "$src" > "$dir/prog_amd64.s"
printf 'module prog\n\ngo 1.19\n' > "$dir/go.mod"
(cd "$dir" && GOFLAGS=-mod=mod "$go" build -o prog . >&2)
echo "$dir/prog"
