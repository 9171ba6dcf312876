// A runtime call is a Go call: its prologue checks the stack. A new goroutine (2 KB stack,
// entered at SP = hi-40) takes a 1120-byte frame (1128 with the saved BP), which its own
// check allows (SP - (1128-128) = hi-1040 is above the guard at lo+928 = hi-1120); the call of
// printint then enters at hi-1176, below the guard, so the stack grows there and the frame
// moves: the address of a local before the call differs from the one after it (1, not 0).
#include "textflag.h"
#include "funcdata.h"

GLOBL ·done(SB), NOPTR, $8
DATA ·deepfv+0(SB)/8, $·deep(SB)
GLOBL ·deepfv(SB), RODATA, $8

// go: func deep()
TEXT ·deep(SB), $1120-0
	NO_LOCAL_POINTERS
	LEAQ 16(SP), AX
	MOVQ AX, 8(SP)
	MOVQ $7, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	LEAQ 16(SP), AX
	MOVQ $0, BX
	CMPQ AX, 8(SP)
	JEQ print
	MOVQ $1, BX
print:
	MOVQ BX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·deepfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	RET
