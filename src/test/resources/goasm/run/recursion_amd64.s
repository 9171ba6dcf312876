// Recursion: fib(n) by the naive double recursion, and a sum down a 1000-deep chain,
// every frame with the inserted prologue and saved BP. The chain grows Go's stack, so
// every frame with locals declares that they hold no pointers (or Go's copystack throws).
#include "textflag.h"
#include "funcdata.h"

// go: func fib(n int) int
TEXT ·fib(SB), $24-16
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	CMPQ AX, $2
	JGE recurse
	MOVQ AX, ret+8(FP)
	RET
recurse:
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·fib(SB)
	MOVQ 8(SP), AX
	MOVQ AX, 16(SP)
	MOVQ n+0(FP), AX
	SUBQ $2, AX
	MOVQ AX, 0(SP)
	CALL ·fib(SB)
	MOVQ 8(SP), AX
	ADDQ 16(SP), AX
	MOVQ AX, ret+8(FP)
	RET

// go: func sum(n int) int
TEXT ·sum(SB), $16-16
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	TESTQ AX, AX
	JNE more
	MOVQ $0, ret+8(FP)
	RET
more:
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·sum(SB)
	MOVQ 8(SP), AX
	ADDQ n+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET

TEXT ·main(SB), $24-0
	NO_LOCAL_POINTERS
	MOVQ $0, 16(SP)
loop:
	MOVQ 16(SP), AX
	MOVQ AX, 0(SP)
	CALL ·fib(SB)
	MOVQ 8(SP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printsp(SB)
	INCQ 16(SP)
	CMPQ 16(SP), $20
	JLT loop
	CALL runtime·printnl(SB)
	MOVQ $1000, 0(SP)
	CALL ·sum(SB)
	MOVQ 8(SP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
