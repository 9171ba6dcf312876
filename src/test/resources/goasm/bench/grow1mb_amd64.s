// 1 MB growth chains: 100 times, a fresh goroutine recurses 6000 frames of 128 bytes, growing
// its stack 2 KB → 4 KB → ... → 1 MB (nine growths, each copying the used part); its 1 MB
// stack is freed when it exits, so the next one starts at 2 KB again.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·done(SB), NOPTR, $8
DATA ·growfv+0(SB)/8, $·grow(SB)
GLOBL ·growfv(SB), RODATA, $8

// go: func down(n int)
TEXT ·down(SB), $120-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	TESTQ AX, AX
	JEQ bottom
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·down(SB)
bottom:
	RET

// go: func grow()
TEXT ·grow(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ $6000, 0(SP)
	CALL ·down(SB)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	MOVQ $100, 8(SP)
again:
	LEAQ ·growfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	DECQ 8(SP)
	JNE again
	RET
