// Automatic NOSPLIT of small leaf functions. A function without NOSPLIT whose frame (after
// the BP adjustment) is under 128 bytes and that calls nothing cannot overflow the stack
// guard, so the assembler marks it NOSPLIT itself and leaves out the stack check: the
// listing's header says "nosplit" and the TEXT line gains NOSPLIT.
//
// Calls to runtime functions that use no stack before their own check still count as
// leaves: runtime·panicdivide, runtime·panicwrap, runtime·panicshift and every
// runtime·panicIndex* and runtime·panicSlice* function, as long as the frame stays
// under 120 bytes (128 minus the return address those calls push).

#include "textflag.h"

// A leaf with a small frame: becomes NOSPLIT ($16 + 8 for BP = 24 < 128).
TEXT ·smallLeaf(SB), $16-16
	MOVQ x+0(FP), AX
	MOVQ AX, tmp-8(SP)
	ADDQ tmp-8(SP), AX
	MOVQ AX, ret+8(FP)
	RET

// A leaf whose frame reaches 128 bytes ($120 + 8): keeps its stack check.
TEXT ·bigLeaf(SB), $120-0
	MOVQ $0, a-8(SP)
	RET

// Integer division that calls runtime·panicdivide on a zero divisor: still a leaf.
TEXT ·divide(SB), $0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), CX
	TESTQ CX, CX
	JEQ divideByZero
	CQO
	IDIVQ CX
	MOVQ AX, ret+16(FP)
	RET
divideByZero:
	CALL runtime·panicdivide(SB)
	RET

// Bounds check that calls runtime·panicIndex: a leaf too (the index is passed in registers).
TEXT ·index(SB), $0-32
	MOVQ i+8(FP), AX
	MOVQ n+16(FP), CX
	CMPQ AX, CX
	JCC outOfRange
	MOVQ base+0(FP), BX
	MOVQ (BX)(AX*8), DX
	MOVQ DX, ret+24(FP)
	RET
outOfRange:
	CALL runtime·panicIndex(SB)
	RET

// runtime·panicSliceB and runtime·panicshift are on the same list.
TEXT ·sliceOrShift(SB), $8-16
	MOVQ n+0(FP), CX
	CMPQ CX, $64
	JCC badShift
	MOVQ s+8(FP), AX
	CMPQ AX, CX
	JHI badSlice
	RET
badShift:
	CALL runtime·panicshift(SB)
	RET
badSlice:
	CALL runtime·panicSliceB(SB)
	RET

// The same kind of call with a frame of $112 + 8 = 120 bytes: no longer a leaf.
TEXT ·panicBigFrame(SB), $112-0
	CALL runtime·panicdivide(SB)
	RET

// Any other call makes a function a non-leaf, whatever its frame.
TEXT ·notLeaf(SB), $0-0
	CALL runtime·printnl(SB)
	RET
