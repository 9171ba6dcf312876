// One million goroutines from one loop: main starts them, then waits; each decrements a
// counter, and the last one wakes main. As in Go with GOMAXPROCS=1, the loop is preempted when
// its time slice is used up (newproc's time counts), at the prologue of newproc; the goroutines
// started so far run and die, go to the free lists (gfput), and come back for reuse (gfget):
// about 33,000 Gs serve the million (--stats: created=33005 reused=966996).
//
//     bin/goasm run --stats examples/run/million_amd64.s
#include "textflag.h"
#include "funcdata.h"

#define N 1000000

GLOBL ·left(SB), NOPTR, $8
GLOBL ·done(SB), NOPTR, $8
DATA ·workerfv+0(SB)/8, $·worker(SB)
GLOBL ·workerfv(SB), RODATA, $8

// go: func worker()
TEXT ·worker(SB), $8-0
	NO_LOCAL_POINTERS
	DECQ ·left(SB)
	JNE more
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
more:
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	MOVQ $N, ·left(SB)
	MOVQ $N, 8(SP)
start:
	LEAQ ·workerfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB) // newproc(fn) as Go 1.17 on has it; 1.15 takes (siz, fn): README
	DECQ 8(SP)
	JNE start
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	MOVQ $N, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
