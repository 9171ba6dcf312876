// A goroutine recursing until its stack is 1 MB: each time a prologue finds SP below
// stackguard0, morestack → newstack doubles the stack and copystack moves the frames
// (2 KB → 4 KB → ... → 1 MB, nine growths). Watch it with --trace, count it with --stats:
//
//     bin/goasm run --trace --stats examples/run/grow1mb_amd64.s
#include "textflag.h"
#include "funcdata.h"

GLOBL ·done(SB), NOPTR, $8
GLOBL ·size(SB), NOPTR, $8
DATA ·growfv+0(SB)/8, $·grow(SB)
GLOBL ·growfv(SB), RODATA, $8

// 128-byte frames (120 + the saved BP), 6000 deep: about 800 KB of stack in use.
// go: func down(n int)
TEXT ·down(SB), $120-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	TESTQ AX, AX
	JEQ bottom
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·down(SB)
	RET
bottom:
	MOVQ (TLS), CX
	MOVQ 8(CX), AX
	SUBQ 0(CX), AX
	MOVQ AX, ·size(SB)
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

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·growfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB) // newproc(fn) as Go 1.17 on has it; 1.15 takes (siz, fn): README
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	MOVQ ·size(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
