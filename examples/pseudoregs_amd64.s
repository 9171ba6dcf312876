// The pseudo registers FP and SP. Arguments are named from the caller's frame with
// name+off(FP); locals are named from the top of the frame with name-off(SP). The
// assembler rewrites both into offsets from the hardware SP:
//   name+off(FP)  ->  off + framesize + 8 (return address)
//   name-off(SP)  ->  -off + framesize - 8 (the saved BP sits at the top of the frame)
// where framesize includes the 8 bytes of the saved BP. A plain off(SP) without a name is
// the hardware SP and is left alone. Every PUSHQ/POPQ (and PUSHFQ/POPFQ, PUSHW/POPW) moves
// the hardware SP, and the assembler follows it: names used after a PUSHQ get 8 more.

#include "textflag.h"

// swap(a, b int) (int, int): arguments at 0(FP) and 8(FP), results at 16(FP) and 24(FP).
TEXT ·swap(SB), NOSPLIT, $0-32
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	MOVQ BX, r1+16(FP)
	MOVQ AX, r2+24(FP)
	RET

// A frame with two named locals and one outgoing argument at 0(SP).
TEXT ·locals(SB), $24-8
	MOVQ x+0(FP), AX
	MOVQ AX, first-8(SP)
	SHLQ $1, AX
	MOVQ AX, second-16(SP)
	MOVQ second-16(SP), CX
	MOVQ CX, 0(SP)
	CALL runtime·printint(SB)
	MOVQ first-8(SP), AX
	RET

// Names used between PUSHQ and POPQ: the offsets grow by 8 per push and shrink back.
TEXT ·pushPop(SB), NOSPLIT, $16-16
	MOVQ x+0(FP), AX
	MOVQ AX, saved-8(SP)
	PUSHQ AX
	MOVQ x+0(FP), BX
	MOVQ saved-8(SP), CX
	PUSHFQ
	MOVQ x+0(FP), DX
	POPFQ
	POPQ AX
	ADDQ BX, AX
	MOVQ AX, ret+8(FP)
	RET

// The same names in a frameless NOSPLIT function: only the return address is between
// SP and the arguments. A PUSHW moves SP by 2 only.
TEXT ·frameless(SB), NOSPLIT, $0-16
	PUSHQ BP
	MOVQ x+0(FP), AX
	PUSHW AX
	MOVQ x+0(FP), BX
	POPW AX
	POPQ BP
	MOVQ BX, ret+8(FP)
	RET

// A three-operand instruction (IMUL3Q) with a named argument as its source.
TEXT ·times10(SB), NOSPLIT, $0-16
	IMUL3Q $10, x+0(FP), AX
	MOVQ AX, ret+8(FP)
	RET

// LEAQ of an argument and of a local gives their addresses.
TEXT ·addrs(SB), NOSPLIT, $8-16
	LEAQ x+0(FP), AX
	LEAQ tmp-8(SP), BX
	MOVQ AX, (BX)
	MOVQ BX, ret+8(FP)
	RET
