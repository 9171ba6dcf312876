// Stack size and g.stack.hi - SP at every depth of recursions in fresh goroutines: the
// initial frame newproc builds, every inserted prologue (small, medium and big frames) and
// each growth must give exactly Go's numbers. Each worker records into ·table while it
// recurses (printing there would grow Go's stack in the print helpers), and main prints.
#include "textflag.h"
#include "funcdata.h"

// 200 depths: g.stack.hi - SP and g.stack.hi - g.stack.lo.
GLOBL ·table(SB), NOPTR, $3200
GLOBL ·sema(SB), NOPTR, $8

DATA ·smallfv+0(SB)/8, $·small(SB)
GLOBL ·smallfv(SB), RODATA, $8
DATA ·mediumfv+0(SB)/8, $·medium(SB)
GLOBL ·mediumfv(SB), RODATA, $8
DATA ·bigfv+0(SB)/8, $·big(SB)
GLOBL ·bigfv(SB), RODATA, $8

// record(n) stores the caller's numbers at ·table[n]: called with the caller's SP in AX.
// go: func record()
TEXT ·record(SB), NOSPLIT, $0-0
	MOVQ (TLS), CX
	MOVQ 8(CX), DX
	SUBQ AX, DX
	LEAQ ·table(SB), DI
	MOVQ BX, SI
	SHLQ $4, SI
	MOVQ DX, 0(DI)(SI*1)
	MOVQ 8(CX), DX
	SUBQ 0(CX), DX
	MOVQ DX, 8(DI)(SI*1)
	RET

// go: func deepSmall(n int)
TEXT ·deepSmall(SB), $16-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), BX
	MOVQ SP, AX
	CALL ·record(SB)
	CMPQ BX, $0
	JEQ done
	DECQ BX
	MOVQ BX, 0(SP)
	CALL ·deepSmall(SB)
done:
	RET

// go: func deepMedium(n int)
TEXT ·deepMedium(SB), $400-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), BX
	MOVQ SP, AX
	CALL ·record(SB)
	CMPQ BX, $0
	JEQ done
	DECQ BX
	MOVQ BX, 0(SP)
	CALL ·deepMedium(SB)
done:
	RET

// go: func deepBig(n int)
TEXT ·deepBig(SB), $5000-8
	NO_LOCAL_POINTERS
	MOVQ n+0(FP), BX
	MOVQ SP, AX
	CALL ·record(SB)
	CMPQ BX, $0
	JEQ done
	DECQ BX
	MOVQ BX, 0(SP)
	CALL ·deepBig(SB)
done:
	RET

// go: func small()
TEXT ·small(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ $199, 0(SP)
	CALL ·deepSmall(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

// go: func medium()
TEXT ·medium(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ $199, 0(SP)
	CALL ·deepMedium(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

// go: func big()
TEXT ·big(SB), $8-0
	NO_LOCAL_POINTERS
	MOVQ $60, 0(SP)
	CALL ·deepBig(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semrelease(SB)
	RET

// go: func runAndPrint(fv uintptr, n int)
TEXT ·runAndPrint(SB), $24-16
	NO_LOCAL_POINTERS
	MOVQ fv+0(FP), AX
	MOVQ AX, 0(SP)
	CALL runtime·newproc(SB)
	LEAQ ·sema(SB), AX
	MOVQ AX, 0(SP)
	CALL runtime·semacquire(SB)
	MOVQ n+8(FP), BX
	MOVQ BX, 16(SP)
loop:
	MOVQ 16(SP), BX
	MOVQ BX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printsp(SB)
	MOVQ 16(SP), BX
	SHLQ $4, BX
	LEAQ ·table(SB), DI
	MOVQ 0(DI)(BX*1), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printsp(SB)
	MOVQ 16(SP), BX
	SHLQ $4, BX
	LEAQ ·table(SB), DI
	MOVQ 8(DI)(BX*1), AX
	MOVQ AX, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	DECQ 16(SP)
	JGE loop
	RET

TEXT ·main(SB), $16-0
	NO_LOCAL_POINTERS
	LEAQ ·smallfv(SB), AX
	MOVQ AX, 0(SP)
	MOVQ $199, 8(SP)
	CALL ·runAndPrint(SB)
	LEAQ ·mediumfv(SB), AX
	MOVQ AX, 0(SP)
	MOVQ $199, 8(SP)
	CALL ·runAndPrint(SB)
	LEAQ ·bigfv(SB), AX
	MOVQ AX, 0(SP)
	MOVQ $60, 8(SP)
	CALL ·runAndPrint(SB)
	LEAQ ·smallfv(SB), AX
	MOVQ AX, 0(SP)
	MOVQ $199, 8(SP)
	CALL ·runAndPrint(SB)
	RET
