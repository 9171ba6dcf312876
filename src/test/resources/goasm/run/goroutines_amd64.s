// Ten goroutines, each with its number in its closure (read through DX, the closure
// context): with GOMAXPROCS=1 the last one started runs first (runnext), then the others
// in order; each prints, yields with Gosched (to the global queue) and prints again, then
// releases a semaphore that main acquires ten times.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·done(SB), NOPTR, $8
// ten closures: entry, number
DATA ·fvs+0(SB)/8, $·worker(SB)
DATA ·fvs+8(SB)/8, $1
DATA ·fvs+16(SB)/8, $·worker(SB)
DATA ·fvs+24(SB)/8, $2
DATA ·fvs+32(SB)/8, $·worker(SB)
DATA ·fvs+40(SB)/8, $3
DATA ·fvs+48(SB)/8, $·worker(SB)
DATA ·fvs+56(SB)/8, $4
DATA ·fvs+64(SB)/8, $·worker(SB)
DATA ·fvs+72(SB)/8, $5
DATA ·fvs+80(SB)/8, $·worker(SB)
DATA ·fvs+88(SB)/8, $6
DATA ·fvs+96(SB)/8, $·worker(SB)
DATA ·fvs+104(SB)/8, $7
DATA ·fvs+112(SB)/8, $·worker(SB)
DATA ·fvs+120(SB)/8, $8
DATA ·fvs+128(SB)/8, $·worker(SB)
DATA ·fvs+136(SB)/8, $9
DATA ·fvs+144(SB)/8, $·worker(SB)
DATA ·fvs+152(SB)/8, $10
GLOBL ·fvs(SB), RODATA, $160

// go: func worker()
TEXT ·worker(SB), $16-0
	NO_LOCAL_POINTERS
	MOVQ 8(DX), AX
	MOVQ AX, 8(SP)
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printsp(SB)
	CALL runtime·Gosched(SB)
	MOVQ 8(SP), AX
	NEGQ AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printsp(SB)
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
	CMPQ 8(SP), $10
	JLT start
	MOVQ $10, 8(SP)
wait:
	LEAQ ·done(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	DECQ 8(SP)
	JNE wait
	CALL runtime·printnl(SB)
	RET
