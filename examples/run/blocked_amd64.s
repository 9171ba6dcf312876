// Many Ps, many blocked goroutines: main starts 100,000 goroutines that each wait on one
// semaphore, then releases it 100,000 times and waits until the last one has run. With
// --gomaxprocs 10000 most Ps have nothing to do most of the time; as in Go, an idle P is
// parked and costs nothing until there is work for it.
//
//     bin/goasm run --gomaxprocs 10000 --stats examples/run/blocked_amd64.s
#include "textflag.h"
#include "funcdata.h"

#define N 100000

GLOBL ·sema(SB), NOPTR, $8
GLOBL ·left(SB), NOPTR, $8
GLOBL ·done(SB), NOPTR, $8
DATA ·waiterfv+0(SB)/8, $·waiter(SB)
GLOBL ·waiterfv(SB), RODATA, $8

// go: func waiter()
TEXT ·waiter(SB), $8-0
	NO_LOCAL_POINTERS
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	LOCK
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
	LEAQ ·waiterfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB) // newproc(fn) as Go 1.17 on has it; 1.15 takes (siz, fn): README
	DECQ 8(SP)
	JNE start
	MOVQ $N, 8(SP)
release:
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	DECQ 8(SP)
	JNE release
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	MOVQ $N, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
