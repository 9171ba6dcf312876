// A few small, useful functions, the kind of code Go assembly is written for. Each one
// has the Go declaration it implements above it (in a real package that declaration
// lives in a .go file next to this one).

#include "textflag.h"

// func Add(a, b int64) int64
TEXT ·Add(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	ADDQ b+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

// func Memset(p *byte, n int, v byte)
// Fills 8 bytes at a time while it can, then byte by byte.
TEXT ·Memset(SB), NOSPLIT, $0-17
	MOVQ p+0(FP), DI
	MOVQ n+8(FP), CX
	MOVBQZX v+16(FP), AX
	MOVQ $0x0101010101010101, BX
	IMULQ BX, AX          // the byte repeated in all 8 bytes of AX
words:
	CMPQ CX, $8
	JLT bytes
	MOVQ AX, (DI)
	ADDQ $8, DI
	SUBQ $8, CX
	JMP words
bytes:
	TESTQ CX, CX
	JEQ done
	MOVB AL, (DI)
	INCQ DI
	DECQ CX
	JMP bytes
done:
	RET

// func Sum(s []int64) int64
TEXT ·Sum(SB), NOSPLIT, $0-32
	MOVQ s_base+0(FP), SI
	MOVQ s_len+8(FP), CX
	XORQ AX, AX
	XORQ DX, DX
loop:
	CMPQ DX, CX
	JGE end
	ADDQ (SI)(DX*8), AX
	INCQ DX
	JMP loop
end:
	MOVQ AX, ret+24(FP)
	RET

// func Abs(x int64) int64, without a branch.
TEXT ·Abs(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ AX, DX
	SARQ $63, DX
	XORQ DX, AX
	SUBQ DX, AX
	MOVQ AX, ret+8(FP)
	RET

// func Min(a, b int64) int64, with a conditional move.
TEXT ·Min(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	CMPQ BX, AX
	CMOVQLT BX, AX
	MOVQ AX, ret+16(FP)
	RET

// func Hello() prints a number and a newline, through the runtime's print functions.
TEXT ·Hello(SB), $8-0
	MOVQ $42, 0(SP)
	CALL runtime·printint(SB)
	CALL runtime·printnl(SB)
	RET
