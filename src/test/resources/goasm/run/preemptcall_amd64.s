// A goroutine spins until main sets a flag, and its loop calls only a runtime function
// (semrelease on a scratch semaphore). With GOMAXPROCS=1 main only runs again because the
// spinner is preempted: after its time slice stackguard0 = stackPreempt, and the runtime
// function's own prologue (Go's semrelease is a Go function with a stack check) notices it.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·stop(SB), NOPTR, $8
GLOBL ·spins(SB), NOPTR, $8
GLOBL ·done(SB), NOPTR, $8
DATA ·spinfv+0(SB)/8, $·spin(SB)
GLOBL ·spinfv(SB), RODATA, $8

GLOBL ·scratch(SB), NOPTR, $8

// go: func spin()
TEXT ·spin(SB), $8-0
	NO_LOCAL_POINTERS
loop:
	INCQ ·spins(SB)
	LEAQ ·scratch(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	CMPQ ·stop(SB), $0
	JEQ loop
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

TEXT ·main(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·spinfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	CALL runtime·Gosched(SB)
	// The spinner ran until it was preempted.
	CMPQ ·spins(SB), $0
	SETHI AL
	MOVB AL, 0(SP)
	CALL runtime·printbool(SB)
	CALL runtime·printnl(SB)
	MOVQ $1, ·stop(SB)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	// The spinner has finished (0(SP) still holds &done, whose low byte depends on where
	// the linker put it: print a flag instead).
	CMPQ ·stop(SB), $1
	SETEQ AL
	MOVB AL, 0(SP)
	CALL runtime·printbool(SB)
	CALL runtime·printnl(SB)
	RET
