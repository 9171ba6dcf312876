// A goroutine grows its stack to 128 KB, comes back up to a shallow depth and parks on a
// semaphore; main runs GC after GC and prints the worker's stack size after each: shrinkstack
// halves it while it uses less than a quarter (counting _StackLimit), and never below 2 KB.
//
//     bin/goasm run --trace examples/run/shrink_amd64.s
#include "textflag.h"
#include "funcdata.h"

GLOBL ·ready(SB), NOPTR, $8
GLOBL ·release(SB), NOPTR, $8
GLOBL ·workerg(SB), NOPTR, $8
DATA ·workerfv+0(SB)/8, $·worker(SB)
GLOBL ·workerfv(SB), RODATA, $8

// go: func deep(n int)
TEXT ·deep(SB), $400-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	TESTQ AX, AX
	JEQ done
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·deep(SB)
done:
	RET

// park(n): n frames down, signal ready and wait to be released.
// go: func park(n int)
TEXT ·park(SB), $400-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	TESTQ AX, AX
	JEQ wait
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·park(SB)
	RET
wait:
	LEAQ ·ready(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	LEAQ ·release(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	RET

// go: func worker()
TEXT ·worker(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ (TLS), CX
	MOVQ CX, ·workerg(SB)
	MOVQ $300, 0(SP)
	CALL ·deep(SB)
	MOVQ $4, 0(SP)
	CALL ·park(SB)
	RET

// go: func printsize()
TEXT ·printsize(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ ·workerg(SB), CX
	MOVQ 8(CX), AX
	SUBQ 0(CX), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	LEAQ ·workerfv(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB) // newproc(fn) as Go 1.17 on has it; 1.15 takes (siz, fn): README
	LEAQ ·ready(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	CALL ·printsize(SB)
	MOVQ $8, 8(SP)
again:
	CALL runtime·GC(SB)
	CALL ·printsize(SB)
	DECQ 8(SP)
	JNE again
	LEAQ ·release(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET
