#!/usr/bin/env bash
# What Go's runtime does with examples/run/million_amd64.s's loop, observed from inside: a Go
# program starts N goroutines from one loop (GOMAXPROCS=1), each doing what the example's
# worker does, and reports how often the loop was preempted (the batches of goroutines that ran
# between two runs of main), the most goroutines alive at once, len(allgs) (every G ever made,
# the runtime's own included) and StackInuse.
#   bench/run/reuse.sh [1.19|1.27|...] [N]
set -euo pipefail
release="${1:-1.19}"
n="${2:-1000000}"
goroot="/usr/lib/go-$release"
dir="$(mktemp -d)"
cat > "$dir/main.go" <<'GO'
package main

import (
	"os"
	"runtime"
	"strconv"
	_ "unsafe"
)

//go:linkname allglen runtime.allglen
var allglen uintptr

var spawned, left, live, maxLive int64
var last int64 = -1
var batches int
var done = make(chan bool)

//go:noinline
func start(fn func()) { go fn() }

func worker() {
	if spawned != last {
		last = spawned
		batches++
	}
	live--
	left--
	if left == 0 {
		done <- true
	}
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	left = int64(n)
	for i := 0; i < n; i++ {
		start(worker)
		spawned++
		live++
		if live > maxLive {
			maxLive = live
		}
	}
	<-done
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	println("goroutines:", n, "preemptions of the loop:", batches, "most alive:", maxLive,
		"allgs:", allglen, "StackInuse:", ms.StackInuse)
}
GO
printf 'module reuse\n\ngo 1.15\n' > "$dir/go.mod"
# From 1.23 the linker refuses a pull of runtime.allglen unless -checklinkname=0.
build() { (cd "$dir" && GOTOOLCHAIN=local GOFLAGS=-mod=mod GOROOT="$goroot" "$goroot/bin/go" build "$@" -o reuse .); }
build 2>/dev/null || build -ldflags=-checklinkname=0 >&2
GOMAXPROCS=1 /usr/bin/time -f "%e s, %M KB resident" "$dir/reuse" "$n"
