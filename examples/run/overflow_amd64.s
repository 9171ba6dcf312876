// Infinite recursion: the stack doubles from 2 KB up to 512 MB, and the next growth would
// pass Go's 1 GB maximum (maxstacksize = 1e9): "runtime: goroutine stack exceeds
// 1000000000-byte limit", "fatal error: stack overflow", exit status 2.
//
//     bin/goasm run --trace examples/run/overflow_amd64.s
#include "textflag.h"
#include "funcdata.h"

// go: func down(n int)
TEXT ·down(SB), $24-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	INCQ AX
	MOVQ AX, 0(SP)
	CALL ·down(SB)
	RET

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ $0, 0(SP)
	CALL ·down(SB)
	RET
