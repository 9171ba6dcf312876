// Package bench measures in real Go the work that goasm's StackRuntimeBench does in its
// runtime model. Run from this directory:
//
//	/usr/lib/go-1.19/bin/go test -bench . -cpu 1
package bench

import (
	"runtime"
	"testing"
	_ "unsafe"
)

type stack struct {
	lo, hi uintptr
}

//go:linkname stackalloc runtime.stackalloc
func stackalloc(n uint32) stack

//go:linkname stackfree runtime.stackfree
func stackfree(stk stack)

//go:linkname systemstack runtime.systemstack
func systemstack(fn func())

func nothing() {}

// BenchmarkNewprocGoexit starts a goroutine that does nothing and lets it run to its end
// (with -cpu 1, Gosched runs it from runnext) before starting the next, so dead Gs are reused.
func BenchmarkNewprocGoexit(b *testing.B) {
	for i := 0; i < b.N; i++ {
		go nothing()
		runtime.Gosched()
	}
}

// BenchmarkStackallocFree2K allocates and frees a 2 KB stack on the scheduler stack.
func BenchmarkStackallocFree2K(b *testing.B) {
	var s stack
	fn := func() {
		s = stackalloc(2048)
		stackfree(s)
	}
	for i := 0; i < b.N; i++ {
		systemstack(fn)
	}
}

//go:noinline
func r(depth int) byte {
	var frame [1000]byte
	frame[depth%1000] = byte(depth)
	if depth == 0 {
		return frame[0]
	}
	return r(depth-1) + frame[depth%1000]
}

// BenchmarkGrowTo1M runs a goroutine whose 600 frames of about 1 KB grow its stack from
// 2 KB to 1 MB by doubling.
func BenchmarkGrowTo1M(b *testing.B) {
	done := make(chan byte)
	for i := 0; i < b.N; i++ {
		go func() { done <- r(600) }()
		<-done
	}
}
