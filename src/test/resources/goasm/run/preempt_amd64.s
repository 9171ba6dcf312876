// A goroutine spins calling a function until main sets a flag. With GOMAXPROCS=1 main only
// runs again because the spinner is preempted: after its time slice the runtime sets its
// stackguard0 to stackPreempt, and the next prologue check enters newstack's preemption
// branch (Go 1.13's cooperative preemption), which puts it on the global run queue.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·stop(SB), NOPTR, $8
GLOBL ·spins(SB), NOPTR, $8
GLOBL ·done(SB), NOPTR, $8
DATA ·spinfv+0(SB)/8, $·spin(SB)
GLOBL ·spinfv(SB), RODATA, $8

// go: func count()
TEXT ·count(SB), NOSPLIT, $0-0
	INCQ ·spins(SB)
	RET

// step is not a leaf, so its prologue checks stackguard0 (a leaf with a small frame is NOSPLIT).
// go: func step()
TEXT ·step(SB), $8-0
	NO_LOCAL_POINTERS
	CALL ·count(SB)
	RET

// go: func spin()
TEXT ·spin(SB), $8-0
	NO_LOCAL_POINTERS
loop:
	CALL ·step(SB)
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
