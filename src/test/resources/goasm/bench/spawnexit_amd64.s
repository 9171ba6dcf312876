// Goroutines started and finished per second: main starts a goroutine that does nothing but
// release a semaphore, waits for it, 200,000 times. Each start reuses the G (and its 2 KB stack)
// the previous one left on the P's free list.
#include "textflag.h"
#include "funcdata.h"

#define N 200000

GLOBL ·done(SB), NOPTR, $8
DATA ·workerfv+0(SB)/8, $·worker(SB)
GLOBL ·workerfv(SB), RODATA, $8

// go: func worker()
TEXT ·worker(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	MOVQ $N, 8(SP)
again:
	LEAQ ·workerfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	DECQ 8(SP)
	JNE again
	MOVQ $N, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
