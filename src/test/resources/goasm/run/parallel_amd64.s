// Eight goroutines whose output does not depend on how they interleave: worker i recurses
// 1000+300*i frames deep (growing its stack), then loops, and stores its result in slot i;
// main waits for all eight on a semaphore and prints the slots in order. With several Ps the
// idle ones steal workers from main's P, so the workers run on different Ps and grow, exit
// and free their stacks through different Ps' caches.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·done(SB), NOPTR, $8
GLOBL ·results(SB), NOPTR, $64
DATA ·fvs+0(SB)/8, $·worker(SB)
DATA ·fvs+8(SB)/8, $0
DATA ·fvs+16(SB)/8, $·worker(SB)
DATA ·fvs+24(SB)/8, $1
DATA ·fvs+32(SB)/8, $·worker(SB)
DATA ·fvs+40(SB)/8, $2
DATA ·fvs+48(SB)/8, $·worker(SB)
DATA ·fvs+56(SB)/8, $3
DATA ·fvs+64(SB)/8, $·worker(SB)
DATA ·fvs+72(SB)/8, $4
DATA ·fvs+80(SB)/8, $·worker(SB)
DATA ·fvs+88(SB)/8, $5
DATA ·fvs+96(SB)/8, $·worker(SB)
DATA ·fvs+104(SB)/8, $6
DATA ·fvs+112(SB)/8, $·worker(SB)
DATA ·fvs+120(SB)/8, $7
GLOBL ·fvs(SB), RODATA, $128

// sum of k%7 for k = 1..n, one frame per k.
// go: func rec(n int) int
TEXT ·rec(SB), $48-16
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), AX
	CMPQ AX, $0
	JEQ zero
	DECQ AX
	MOVQ AX, 0(SP)
	CALL ·rec(SB)
	MOVQ 8(SP), BX
	MOVQ n+0(FP), AX
	XORQ DX, DX
	MOVQ $7, CX
	DIVQ CX
	ADDQ DX, BX
	MOVQ BX, ret+8(FP)
	RET
zero:
	MOVQ $0, ret+8(FP)
	RET

// go: func worker()
TEXT ·worker(SB), $24-0
	NO_LOCAL_POINTERS
	MOVQ 8(DX), AX
	MOVQ AX, 16(SP)
	IMULQ $300, AX
	ADDQ $1000, AX
	MOVQ AX, 0(SP)
	CALL ·rec(SB)
	MOVQ 8(SP), BX
	MOVQ 16(SP), AX
	MOVQ $100000, CX
spin:
	ADDQ AX, BX
	DECQ CX
	JNE spin
	LEAQ ·results(SB), DI
	MOVQ BX, (DI)(AX*8)
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	MOVQ $0, 8(SP)
start:
	MOVQ 8(SP), AX
	SHLQ $4, AX
	LEAQ ·fvs(SB), BX
	ADDQ BX, AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	INCQ 8(SP)
	CMPQ 8(SP), $8
	JLT start
	MOVQ $0, 8(SP)
wait:
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	INCQ 8(SP)
	CMPQ 8(SP), $8
	JLT wait
	MOVQ $0, 8(SP)
print:
	MOVQ 8(SP), AX
	LEAQ ·results(SB), BX
	MOVQ (BX)(AX*8), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	INCQ 8(SP)
	CMPQ 8(SP), $8
	JLT print
	RET
