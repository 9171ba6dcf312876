// How RET is expanded. Every RET in a function with a frame becomes the epilogue:
//   MOVQ off(SP), BP   (restore the caller's BP, when it was saved)
//   ADDQ $frame, SP    (free the frame)
//   RET
// so a function with three RETs has three copies. Code after a RET that is reached by a
// branch still runs inside the frame.
// RET with a symbol (RET ·f(SB)) is accepted: after the epilogue it becomes a tail JMP to
// that symbol, so the callee returns straight to our caller. A plain JMP to a symbol is a
// tail jump without any epilogue, so it is only right where there is no frame to free.
// (A conditional jump to a symbol, such as JEQ ·f(SB), is rejected by Go's assembler.)

#include "textflag.h"

// sign(x int) int: three RETs, each with its own epilogue.
TEXT ·sign(SB), NOSPLIT, $8-16
	MOVQ x+0(FP), AX
	CMPQ AX, $0
	JLT negative
	JGT positive
	MOVQ $0, ret+8(FP)
	RET
negative:
	MOVQ $-1, ret+8(FP)
	RET
positive:
	MOVQ $1, ret+8(FP)
	RET

// The same without a frame: RET stays a single byte.
TEXT ·signLeaf(SB), NOSPLIT, $0-16
	MOVQ x+0(FP), AX
	MOVQ $0, BX
	CMPQ AX, $0
	JEQ done
	MOVQ $1, BX
	JGT done
	MOVQ $-1, BX
done:
	MOVQ BX, ret+8(FP)
	RET

// The RET after a loop that calls out: the epilogue comes after the loop, and the
// morestack call after the epilogue.
TEXT ·countDown(SB), $8-8
	MOVQ n+0(FP), CX
	JMP test
loop:
	MOVQ CX, 0(SP)
	CALL runtime·printint(SB)
	DECQ CX
test:
	TESTQ CX, CX
	JNE loop
	RET

// RET to a symbol: the frame is freed, then a tail JMP to runtime·printnl.
TEXT ·retToSymbol(SB), NOSPLIT, $8-0
	MOVQ $1, tmp-8(SP)
	RET runtime·printnl(SB)

// RET to a symbol from a frameless function: just the JMP.
TEXT ·retToSymbolLeaf(SB), NOSPLIT, $0-0
	RET ·sign(SB)

// A tail JMP to a symbol (what RET sym(SB) becomes), written directly.
TEXT ·tailJump(SB), NOSPLIT, $0-16
	JMP ·sign(SB)

// Tail jumps through a register and through memory.
TEXT ·jumpIndirect(SB), NOSPLIT, $0-8
	MOVQ fn+0(FP), DX
	MOVQ (DX), BX
	TESTQ BX, BX
	JEQ viaMemory
	JMP BX
viaMemory:
	JMP (DX)
