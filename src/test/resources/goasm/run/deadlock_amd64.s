// Every goroutine blocked on a semaphore nobody releases: Go's checkdead reports
// "fatal error: all goroutines are asleep - deadlock!" with exit status 2. A worker first
// releases once, so main gets past its first acquire.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·sema(SB), NOPTR, $8
GLOBL ·never(SB), NOPTR, $8
DATA ·workerfv+0(SB)/8, $·worker(SB)
GLOBL ·workerfv(SB), RODATA, $8

// go: func worker()
TEXT ·worker(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	LEAQ ·never(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	RET

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·workerfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	MOVQ $1, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	RET
