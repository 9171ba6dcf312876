// Go statements as Go 1.15's runtime takes them: runtime·newproc(siz int32, fn *funcval)
// followed by siz bytes of fn's arguments, which newproc copies to the new goroutine's stack.
// Three forms: arguments after fn; no arguments, pushed as Go 1.15's own asm_amd64.s starts
// runtime.main (PUSHQ fn; PUSHQ $0); an argument size that is not a multiple of 8.
#include "textflag.h"
#include "funcdata.h"

GLOBL ·sema(SB), NOPTR, $8
DATA ·sumfv+0(SB)/8, $·sum(SB)
GLOBL ·sumfv(SB), RODATA, $8
DATA ·onefv+0(SB)/8, $·one(SB)
GLOBL ·onefv(SB), RODATA, $8
DATA ·smallfv+0(SB)/8, $·small(SB)
GLOBL ·smallfv(SB), RODATA, $8

// go: func sum(a, b, c int)
TEXT ·sum(SB), $8-24
	NO_LOCAL_POINTERS
	MOVQ a+0(FP), AX
	ADDQ b+8(FP), AX
	ADDQ c+16(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

// go: func one()
TEXT ·one(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ $1, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

// go: func small(b uint8)
TEXT ·small(SB), $8-1
	NO_LOCAL_POINTERS
	MOVBQZX b+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

TEXT ·main(SB), $40-0
	NO_LOCAL_POINTERS
	// go sum(40, 1, 1)
	MOVL $24, 0(SP)
	LEAQ ·sumfv(SB), AX
	MOVQ AX, 8(SP)
	MOVQ $40, 16(SP)
	MOVQ $1, 24(SP)
	MOVQ $1, 32(SP)
	CALL runtime·newproc(SB)
	// go one(), as asm_amd64.s starts runtime.main
	LEAQ ·onefv(SB), AX
	PUSHQ AX
	PUSHQ $0
	CALL runtime·newproc(SB)
	POPQ AX
	POPQ AX
	// go small(200)
	MOVL $1, 0(SP)
	LEAQ ·smallfv(SB), AX
	MOVQ AX, 8(SP)
	MOVQ $-1, 16(SP)
	MOVB $200, 16(SP)
	CALL runtime·newproc(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	RET
