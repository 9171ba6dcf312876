// Infinite recursion: the stack doubles up to 512 MB, and the next growth would pass the
// 1 GB maximum, which is Go's "goroutine stack exceeds 1000000000-byte limit" and
// "fatal error: stack overflow" (exit status 2). The frames are large and mostly untouched,
// so little memory is written on the way.
#include "textflag.h"
#include "funcdata.h"

// go: func down(n int)
TEXT ·down(SB), $65536-8
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
